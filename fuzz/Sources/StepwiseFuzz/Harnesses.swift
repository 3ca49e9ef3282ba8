import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel

/// The harnesses: each takes the fuzzer's bytes, drives one reader of untrusted input, and traps only when an
/// invariant breaks (a crash, a hang or a leak is what libFuzzer reports on its own).
enum Harnesses {
    nonisolated(unsafe) static var selected: @Sendable ([UInt8]) -> Void = { _ in }

    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "json": json, "yaml": yaml, "spec": spec, "template": template, "condition": condition,
        "rrule": rrule, "manifest": manifest, "api-body": apiBody,
    ]

    /// The strict JSON reader; what it accepts writes back and reads again to the same value.
    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return }
        let again = try? JSONValue.parse(value.compactJSON)
        check(again == value, "JSON round trip changed the value: \(value.compactJSON)")
    }

    /// YAML documents, converted to JSON values as the command line loads workflow files.
    static func yaml(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        guard let value = try? JSONValue(yaml: text) else { return }
        _ = WorkflowDocument(json: value).report
    }

    /// A spec: shape check, decoding, validation; a valid one compiles to an execution plan.
    static func spec(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return }
        let document = WorkflowDocument(json: value)
        guard let spec = document.report.validated?.spec else { return }
        _ = try? ExecutionPlan(spec: spec, workflowId: "fuzz", workflowName: "fuzz")
    }

    /// `{{ template }}` text, parsed and rendered against a small context.
    static func template(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let parsed = try? Template(parsing: .string(text)) else { return }
        let context = DictionaryTemplateContext([
            .trigger: ["name": "x", "list": [1, 2, ["a": true]], "n": 3],
            .steps: ["A": ["data": ["k": "v"], "status": 200]],
            .current: ["Value": "item", "Index": 0],
            .variables: ["v": .null],
        ])
        _ = try? parsed.render(in: context)
    }

    /// Conditions as `core.if`, `core.switch` and whileLoop read them: `{conditions, joinOperator}` JSON.
    static func condition(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return }
        _ = try? ConditionList.evaluate(conditions: value["conditions"] ?? value, joinOperator: value["joinOperator"])
        _ = try? ConditionInput(value, where: "fuzz").evaluate(where: "fuzz")
    }

    /// `DTSTART…\nRRULE:…` text: parsing, then a few occurrences (each bounded by the iterator's own budget).
    static func rrule(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let rule = try? RecurrenceRule(parsing: text) else { return }
        let after = Date(timeIntervalSince1970: 1_800_000_000)
        let dates = rule.occurrences(after: after, limit: 3)
        check(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 }, "occurrences out of order for \(text)")
        check(dates.allSatisfy { $0 > after }, "an occurrence not after the start for \(text)")
    }

    /// An action manifest, then its parameter check against a few parameters.
    static func manifest(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return }
        guard let manifest = try? ActionManifest(json: value) else { return }
        _ = manifest.problems(with: [
            Parameter(name: "url", value: "https://example.test"), Parameter(name: "count", value: 3),
            Parameter(name: "flag", value: true), Parameter(name: "body", value: ["a": [1, 2]]),
        ])
    }

    /// API request bodies: a create/update workflow envelope, and an execute body's `meta.payload` resolved
    /// against the input schema of the workflow in the same envelope.
    static func apiBody(_ bytes: [UInt8]) {
        guard let value = try? JSONValue.parse(Data(bytes)) else { return }
        let document = WorkflowDocument(json: value)
        let schema = document.report.validated?.spec.inputSchema
        if let payload = value["meta"]?["payload"]?.objectValue, let schema {
            _ = try? schema.resolve(payload)
        }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
            abort()
        }
    }
}
