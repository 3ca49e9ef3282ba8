import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The bodies of the local extensions: per-step detail and the journal of an instance.
public enum JournalResource {
    /// `GET …/instances/{instance_id}/steps`: `{"data": [step, …]}` in the order steps started or were skipped.
    public static func stepsBody(_ instance: InstanceSummary) -> JSONValue {
        ["data": .array(instance.steps.map(step))]
    }

    /// One step: name, state, attempts, rendered inputs, outputs, branch, error, timestamps.
    public static func step(_ step: StepSummary) -> JSONValue {
        var members: [String: JSONValue] = [
            "stepName": .string(step.name),
            "stepState": .string(step.state.rawValue),
            "attempts": .number(Double(step.attempts)),
        ]
        if let inputs = step.inputs { members["inputs"] = inputs }
        if let outputs = step.outputs { members["outputs"] = outputs }
        if let branch = step.branch { members["branch"] = .string(branch) }
        if let error = step.error { members["error"] = error.jsonValue }
        if let startedAt = step.startedAt { members["startTimestamp"] = .string(APITimestamp.string(from: startedAt)) }
        if let endedAt = step.endedAt { members["endTimestamp"] = .string(APITimestamp.string(from: endedAt)) }
        return .object(members)
    }

    /// `GET …/instances/{instance_id}/events`: `{"data": [event, …]}` in journal order.
    public static func eventsBody(_ entries: [JournalEntry]) -> JSONValue {
        ["data": .array(entries.map(event))]
    }

    /// One journal entry: `sequence`, `time`, `type` and the event's fields.
    public static func event(_ entry: JournalEntry) -> JSONValue {
        var members: [String: JSONValue] = [
            "sequence": .number(Double(entry.sequence)),
            "time": .string(APITimestamp.string(from: entry.time)),
        ]
        if let step = entry.event.stepName { members["stepName"] = .string(step) }
        switch entry.event {
        case .stepStarted(_, let attempt, let inputs):
            members["type"] = "stepStarted"
            members["attempt"] = .number(Double(attempt))
            members["inputs"] = .object(inputs)
        case .stepAttemptFailed(_, let attempt, let failure):
            members["type"] = "stepAttemptFailed"
            members["attempt"] = .number(Double(attempt))
            members["error"] = failure.jsonValue
        case .stepAttemptOutputs(_, let attempt, let outputs, let branch):
            members["type"] = "stepAttemptOutputs"
            members["attempt"] = .number(Double(attempt))
            members["outputs"] = outputs
            members["branch"] = .string(branch)
        case .stepWaiting(_, let attempt, let reason, let delay):
            members["type"] = "stepWaiting"
            members["attempt"] = .number(Double(attempt))
            members["reason"] = .string(reason.rawValue)
            members["delaySeconds"] = .number(seconds(delay))
        case .stepSucceeded(_, let attempt, let outputs, let branch):
            members["type"] = "stepSucceeded"
            members["attempt"] = .number(Double(attempt))
            members["outputs"] = outputs
            members["branch"] = .string(branch)
        case .stepFailed(_, let attempt, let failure, let recovered):
            members["type"] = "stepFailed"
            members["attempt"] = .number(Double(attempt))
            members["error"] = failure.jsonValue
            members["recovered"] = .bool(recovered)
        case .stepSkipped:
            members["type"] = "stepSkipped"
        case .stepCanceled:
            members["type"] = "stepCanceled"
        case .variablesSet(_, let variables):
            members["type"] = "variablesSet"
            members["variables"] = .object(variables)
        case .loopIterationStarted(_, let index, let body):
            members["type"] = "loopIterationStarted"
            members["iteration"] = .number(Double(index))
            members["body"] = .array(body.map(JSONValue.string))
        case .stepProcessStarted(_, let processGroup, let startTime):
            members["type"] = "stepProcessStarted"
            members["processGroup"] = .number(Double(processGroup))
            members["startTime"] = .number(Double(startTime))
        case .instanceFinished(let status, let outputs, let error):
            members["type"] = "instanceFinished"
            members["instanceStatus"] = InstanceResource.status(status)
            members["outputs"] = outputs
            if let error {
                var detail: [String: JSONValue] = ["code": .string(error.code), "message": .string(error.message)]
                if let step = error.step { detail["stepName"] = .string(step) }
                members["errorDetail"] = .object(detail)
            }
        }
        return .object(members)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
