import Foundation
import WorkflowEngine
import WorkflowModel

extension StoreCoding {
    /// The `summary` column of `summary`, written directly (it is rewritten when an instance is created and when
    /// it ends, and `JSONEncoder` was the largest cost of a durable run). The layout is the one `JSONEncoder`
    /// gives the `Codable` conformance of ``InstanceSummary``: members in declaration order, absent optionals
    /// left out, dates as `Date`'s seconds since 2001, JSON values with sorted keys as in the journal; it reads
    /// back with `JSONDecoder` as before. A summary holding a non-finite number goes through `JSONEncoder`, which
    /// refuses it.
    package static func encodeSummary(_ summary: InstanceSummary) throws(StoreError) -> String {
        guard summary.isFinite else { return try encode(summary, "instance \(summary.id)") }
        var json = SummaryJSON(capacity: 256 + 192 * summary.steps.count)
        json.open()
        json.member("id", string: summary.id)
        json.member("workflowId", string: summary.workflowId)
        if let version = summary.workflowVersion { json.member("workflowVersion", raw: String(version)) }
        json.member("trigger", string: summary.trigger.rawValue)
        json.member("sourceKind", string: summary.sourceKind)
        json.member("source", value: summary.source)
        json.member("inputs", value: summary.inputs)
        json.member("startedAt", date: summary.startedAt)
        if let endedAt = summary.endedAt { json.member("endedAt", date: endedAt) }
        json.member("status", string: summary.status.rawValue)
        json.member("outputs", value: summary.outputs)
        if let error = summary.error { json.member("error", raw: error.storedJSON) }
        json.key("steps")
        json.text += "["
        for (index, step) in summary.steps.enumerated() {
            if index > 0 { json.text += "," }
            json.write(step)
        }
        json.text += "]"
        if let parent = summary.parent {
            json.key("parent")
            json.open()
            json.member("instanceId", string: parent.instanceId)
            json.member("workflowId", string: parent.workflowId)
            json.member("stepName", string: parent.stepName)
            json.member("chain", value: .array(parent.chain.map(JSONValue.string)))
            json.close()
        }
        // Always present, as JSONEncoder writes it; step names are keys here: `compactJSON` escapes them.
        json.member("loopIterations", value: .object(summary.loopIterations.mapValues { .number(Double($0)) }))
        json.close()
        return json.text
    }
}

/// JSON text written member by member, commas placed as members are added.
private struct SummaryJSON {
    var text = ""
    /// Whether the innermost open object has no member yet.
    private var first = true

    init(capacity: Int) { text.reserveCapacity(capacity) }

    mutating func open() {
        text += "{"
        first = true
    }

    mutating func close() {
        text += "}"
        first = false
    }

    mutating func key(_ name: String) {
        if !first { text += "," }
        first = false
        text += "\""
        text += name  // member names are plain ASCII identifiers: nothing to escape
        text += "\":"
    }

    mutating func member(_ name: String, raw: String) {
        key(name)
        text += raw
    }

    mutating func member(_ name: String, string: String) {
        member(name, raw: JSONValue.string(string).compactJSON)
    }

    mutating func member(_ name: String, value: JSONValue) {
        member(name, raw: value.compactJSON)
    }

    mutating func member(_ name: String, date: Date) {
        member(name, raw: JSONValue.format(number: date.timeIntervalSinceReferenceDate))
    }

    mutating func write(_ step: StepSummary) {
        open()
        member("name", string: step.name)
        member("state", string: step.state.rawValue)
        member("attempts", raw: String(step.attempts))
        if let inputs = step.inputs { member("inputs", value: inputs) }
        if let outputs = step.outputs { member("outputs", value: outputs) }
        if let branch = step.branch { member("branch", string: branch) }
        if let error = step.error {
            key("error")
            open()
            member("message", string: error.message)
            member("code", string: error.code)
            member("attempts", raw: String(error.attempts))
            close()
        }
        if let startedAt = step.startedAt { member("startedAt", date: startedAt) }
        if let endedAt = step.endedAt { member("endedAt", date: endedAt) }
        if let iteration = step.iteration { member("iteration", raw: String(iteration)) }
        close()
    }
}

extension InstanceFailure {
    /// `{"step", "message", "code"}` as `JSONEncoder` writes it (`step` left out when absent).
    var storedJSON: String {
        var json = SummaryJSON(capacity: 64 + message.utf8.count)
        json.open()
        if let step { json.member("step", string: step) }
        json.member("message", string: message)
        json.member("code", string: code)
        json.close()
        return json.text
    }
}

extension InstanceSummary {
    /// Whether every number and date inside is finite (JSON has no NaN or infinity).
    var isFinite: Bool {
        guard source.isFinite, inputs.isFinite, outputs.isFinite, startedAt.timeIntervalSinceReferenceDate.isFinite,
            endedAt?.timeIntervalSinceReferenceDate.isFinite ?? true
        else { return false }
        return steps.allSatisfy { step in
            (step.inputs?.isFinite ?? true) && (step.outputs?.isFinite ?? true)
                && (step.startedAt?.timeIntervalSinceReferenceDate.isFinite ?? true)
                && (step.endedAt?.timeIntervalSinceReferenceDate.isFinite ?? true)
        }
    }
}
