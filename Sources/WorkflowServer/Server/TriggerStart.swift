import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Why a trigger could not start a run.
struct TriggerStartError: Error, Sendable {
    enum Reason: Sendable {
        /// The workflow has no trigger of the kind.
        case noTrigger
        /// Automatic starts need a published workflow.
        case notPublished
        /// The trigger's `rateLimit` is reached.
        case rateLimited
        /// The workflow cannot run here (inputs without defaults, unknown actions, a template that does not parse).
        case invalid
        /// An instance with the start's id exists already: another process started it.
        case alreadyStarted
        /// The store or the executor failed.
        case failed
    }

    var reason: Reason
    var message: String

    /// The reason and message for a start the launcher refused.
    init(_ error: LaunchError, workflowId: String, kind: TriggerKind) {
        switch error.code {
        case .noTrigger:
            (reason, message) = (.noTrigger, "workflow \(workflowId) has no \(kind.rawValue)")
        case .notPublished:
            (reason, message) = (
                .notPublished,
                "workflow \(workflowId) is not published: only published workflows start automatically"
            )
        case .invalidInputs:
            let details = error.inputProblems.map(\.message).joined(separator: "; ")
            (reason, message) = (.invalid, "inputs of \(workflowId) need values: \(details)")
        case .unavailableAction where !error.unavailable.isEmpty:
            let names = error.unavailable.map { "\($0.step) (\($0.actionId))" }.joined(separator: ", ")
            (reason, message) = (.invalid, "steps use actions not available here: \(names)")
        case .rateLimited:
            let limit = error.trigger?.options.rateLimit
            (reason, message) = (
                .rateLimited,
                "rate limit of the \(kind.rawValue) of \(workflowId) reached: at most \(limit?.count ?? 0) starts "
                    + "per \(limit?.interval?.text ?? "")"
            )
        case .invalidSpec:
            (reason, message) = (.invalid, "spec of \(workflowId) is invalid: \(error)")
        case .duplicate:
            (reason, message) = (.alreadyStarted, "another process started this run of \(workflowId) already")
        default:
            (reason, message) = (.failed, "could not start \(workflowId): \(error)")
        }
    }
}

extension ServerEnvironment {
    /// Starts a stored workflow from its trigger of `kind` with `source` as the event (`Source`), at that
    /// trigger's start steps, source kind `kind.sourceKind`. Only published workflows start; the trigger's
    /// `rateLimit` is checked (docs/semantics.md#starting-an-instance). Inputs are the input schema's defaults.
    /// - Parameter instanceId: the new instance's id; a start whose id exists already is refused with reason
    ///   `alreadyStarted` (how a schedule occurrence starts once however many servers fire it).
    func startAutomatically(
        _ stored: StoredWorkflow, kind: TriggerKind, source: JSONValue,
        instanceId: String = UUID().uuidString.lowercased()
    ) async throws(TriggerStartError) -> String {
        let workflowId = stored.workflow.id
        let launch = Launch(
            .stored(stored), trigger: .kind(kind), source: source, instanceId: instanceId, requiresPublished: true,
            admission: { [rateLimiter, instances, now] trigger in
                await rateLimiter.admit(
                    "\(workflowId)/\(kind.rawValue)", limit: trigger.options.rateLimit, now: now(),
                    recorded: {
                        await StartRateLimiter.recordedStarts(in: instances, workflowId: workflowId, trigger: kind)
                    })
            })
        do {
            return try await executor.launcher.launch(launch).instanceId
        } catch {
            throw TriggerStartError(error, workflowId: workflowId, kind: kind)
        }
    }
}
