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
        /// The store or the executor failed.
        case failed
    }

    var reason: Reason
    var message: String
}

extension ServerEnvironment {
    /// Starts a stored workflow from its trigger of `kind` with `source` as the event (`Source`), at that
    /// trigger's start steps, source kind `kind.sourceKind`. Only published workflows start; the trigger's
    /// `rateLimit` is checked (SEMANTICS §2). Inputs are the input schema's defaults.
    func startAutomatically(
        _ stored: StoredWorkflow, kind: TriggerKind, source: JSONValue
    ) async throws(TriggerStartError) -> String {
        let spec = stored.workflow.spec
        let workflowId = stored.workflow.id
        guard let trigger = (spec.triggers ?? []).first(where: { $0.kind == kind }) else {
            throw TriggerStartError(reason: .noTrigger, message: "workflow \(workflowId) has no \(kind.rawValue)")
        }
        guard stored.workflow.published else {
            throw TriggerStartError(
                reason: .notPublished,
                message: "workflow \(workflowId) is not published: only published workflows start automatically")
        }
        let inputs: [String: JSONValue]
        do {
            inputs = try (spec.inputSchema ?? InputSchema()).resolve([:])
        } catch {
            let details = error.problems.map(\.message).joined(separator: "; ")
            throw TriggerStartError(reason: .invalid, message: "inputs of \(workflowId) need values: \(details)")
        }
        let unknown = registry.unknownActions(in: spec)
        guard unknown.isEmpty else {
            let names = unknown.map { "\($0.step) (\($0.actionId))" }.joined(separator: ", ")
            throw TriggerStartError(reason: .invalid, message: "steps use actions not available here: \(names)")
        }
        guard
            await rateLimiter.admit(
                "\(workflowId)/\(kind.rawValue)", limit: trigger.options.rateLimit, now: now(),
                recorded: { [instances] in
                    await StartRateLimiter.recordedStarts(in: instances, workflowId: workflowId, trigger: kind)
                })
        else {
            throw TriggerStartError(
                reason: .rateLimited,
                message: "rate limit of the \(kind.rawValue) of \(workflowId) reached: at most "
                    + "\(trigger.options.rateLimit?.count ?? 0) starts per \(trigger.options.rateLimit?.interval?.text ?? "")"
            )
        }
        let plan: ExecutionPlan
        do {
            plan = try await plans.plan(for: stored)
        } catch {
            throw TriggerStartError(reason: .invalid, message: "spec of \(workflowId) is invalid: \(error)")
        }
        do {
            return try await executor.start(
                StartRequest(
                    plan: plan, trigger: kind, sourceKind: kind.sourceKind, source: source, inputs: inputs,
                    workflowVersion: stored.version))
        } catch {
            throw TriggerStartError(reason: .failed, message: "could not start \(workflowId): \(error)")
        }
    }
}
