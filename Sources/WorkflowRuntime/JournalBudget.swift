import WorkflowEngine
import WorkflowModel

/// Counts the bytes an instance's journal grows by and says when it passes
/// ``WorkflowLimits/journalBytesPerInstance`` (the runner then fails the instance), and refuses step payloads
/// above ``WorkflowLimits/maximumStepPayloadBytes``.
struct JournalBudget {
    /// The most bytes the instance may journal.
    let limit: Int
    /// The bytes journaled so far by this runner.
    private(set) var used = 0

    init(limit: Int = WorkflowLimits.journalBytesPerInstance) {
        self.limit = limit
    }

    /// Adds an entry's size; `true` once the total is beyond the limit.
    mutating func add(_ event: InstanceEvent) -> Bool {
        used += Self.bytes(of: event)
        return used > limit
    }

    /// The failure the instance ends with.
    var failure: InstanceFailure {
        InstanceFailure(
            step: nil,
            message:
                "the instance's journal passed its budget of \(limit) bytes (journal budget limit, docs/limits.md)",
            code: "JOURNAL_BUDGET_EXCEEDED")
    }

    /// About how many bytes an entry takes when stored.
    static func bytes(of event: InstanceEvent) -> Int {
        let fixed = 64
        switch event {
        case .stepStarted(let step, _, let inputs):
            return fixed + step.utf8.count + JSONValue.object(inputs).approximateByteCount
        case .stepAttemptFailed(let step, _, let failure):
            return fixed + step.utf8.count + failure.message.utf8.count
        case .stepAttemptOutputs(let step, _, let outputs, let branch),
            .stepSucceeded(let step, _, let outputs, let branch):
            return fixed + step.utf8.count + outputs.approximateByteCount + branch.utf8.count
        case .stepWaiting(let step, _, _, _), .stepSkipped(let step), .stepCanceled(let step),
            .stepProcessStarted(let step, _, _):
            return fixed + step.utf8.count
        case .stepFailed(let step, _, let failure, _):
            return fixed + step.utf8.count + failure.message.utf8.count
        case .variablesSet(let step, let variables):
            return fixed + step.utf8.count + JSONValue.object(variables).approximateByteCount
        case .loopIterationStarted(let step, _, let body):
            return body.reduce(fixed + step.utf8.count) { $0 + $1.utf8.count + 3 }
        case .instanceFinished(_, let outputs, let error):
            return fixed + outputs.approximateByteCount + (error?.message.utf8.count ?? 0)
        }
    }

    /// A step payload (rendered inputs or outputs) that is too large, as the failure the step gets; `nil` when
    /// it fits.
    static func oversized(_ payload: JSONValue, _ what: String) -> StepFailure? {
        let bytes = payload.approximateByteCount
        guard bytes > WorkflowLimits.maximumStepPayloadBytes else { return nil }
        return StepFailure(
            message:
                "the step's \(what) are about \(bytes) bytes; the limit is \(WorkflowLimits.maximumStepPayloadBytes) (docs/limits.md)",
            code: "PAYLOAD_TOO_LARGE")
    }
}
