import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension JournalResource {
    /// The journal entry an ``event(_:)`` object describes (what `…/stream` and `…/events` send); `nil` when
    /// `json` is not one.
    public static func entry(from json: JSONValue) -> JournalEntry? {
        guard let sequence = json["sequence"]?.numberValue.flatMap({ Int(exactly: $0) }),
            let type = json["type"]?.stringValue,
            let time = json["time"]?.stringValue.flatMap(APITimestamp.date(from:)),
            let event = event(type, json)
        else { return nil }
        return JournalEntry(sequence: sequence, time: time, event: event)
    }

    private static func event(_ type: String, _ json: JSONValue) -> InstanceEvent? {
        if type == "instanceFinished" {
            guard let kind = json["instanceStatus"]?["detailsKind"]?.stringValue,
                let status = InstanceStatus(rawValue: kind)
            else { return nil }
            let detail = json["errorDetail"]
            let error = detail.flatMap { detail in
                detail["message"]?.stringValue.map { message in
                    InstanceFailure(
                        step: detail["stepName"]?.stringValue, message: message,
                        code: detail["code"]?.stringValue ?? "")
                }
            }
            return .instanceFinished(status: status, outputs: json["outputs"] ?? .emptyObject, error: error)
        }
        guard let step = json["stepName"]?.stringValue else { return nil }
        let attempt = json["attempt"]?.numberValue.flatMap { Int(exactly: $0) } ?? 1
        let outputs = json["outputs"] ?? .emptyObject
        let branch = json["branch"]?.stringValue ?? "main"
        switch type {
        case "stepStarted":
            return .stepStarted(step: step, attempt: attempt, inputs: json["inputs"]?.objectValue ?? [:])
        case "stepAttemptFailed":
            return failure(json).map { .stepAttemptFailed(step: step, attempt: attempt, failure: $0) }
        case "stepAttemptOutputs":
            return .stepAttemptOutputs(step: step, attempt: attempt, outputs: outputs, branch: branch)
        case "stepWaiting":
            guard let reason = json["reason"]?.stringValue.flatMap(WaitReason.init(rawValue:)) else { return nil }
            let seconds = min(max(json["delaySeconds"]?.numberValue ?? 0, 0), 1e12)
            let delay = Duration.milliseconds(Int64((seconds * 1000).rounded()))
            return .stepWaiting(step: step, attempt: attempt, reason: reason, delay: delay)
        case "stepSucceeded":
            return .stepSucceeded(step: step, attempt: attempt, outputs: outputs, branch: branch)
        case "stepFailed":
            let recovered = json["recovered"]?.boolValue ?? false
            return failure(json).map { .stepFailed(step: step, attempt: attempt, failure: $0, recovered: recovered) }
        case "stepSkipped": return .stepSkipped(step: step)
        case "stepCanceled": return .stepCanceled(step: step)
        case "variablesSet": return .variablesSet(step: step, variables: json["variables"]?.objectValue ?? [:])
        case "loopIterationStarted":
            guard let index = json["iteration"]?.numberValue.flatMap({ Int(exactly: $0) }) else { return nil }
            let body = json["body"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return .loopIterationStarted(step: step, index: index, body: body)
        case "stepProcessStarted":
            guard let group = json["processGroup"]?.numberValue.flatMap({ Int32(exactly: $0) }) else { return nil }
            let startTime = json["startTime"]?.numberValue.flatMap { UInt64(exactly: $0) } ?? 0
            return .stepProcessStarted(step: step, processGroup: group, startTime: startTime)
        default: return nil
        }
    }

    private static func failure(_ json: JSONValue) -> StepFailure? {
        guard let error = json["error"], let message = error["message"]?.stringValue else { return nil }
        return StepFailure(
            message: message, code: error["code"]?.stringValue ?? "",
            attempts: error["attempts"]?.numberValue.flatMap { Int(exactly: $0) } ?? 1)
    }
}
