import WorkflowActions
import WorkflowEngine
import WorkflowModel

/// The action of every step of a plan, looked up once before the run starts.
public struct ActionTable: Sendable {
    let actions: [any Action]
    /// The same actions where they run inline (no task hop), else `nil`.
    let inline: [(any InlineAction)?]

    /// Resolves every step's action in `registry`.
    /// - Throws: ``RuntimeError`` with code `unknownAction`, naming every step whose action id is not registered.
    public init(plan: ExecutionPlan, registry: ActionRegistry) throws(RuntimeError) {
        var actions: [any Action] = []
        var inline: [(any InlineAction)?] = []
        var unknown: [String] = []
        actions.reserveCapacity(plan.steps.count)
        inline.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            guard let action = registry.action(for: step.actionId) else {
                unknown.append("step \"\(step.name)\" uses unknown action \"\(step.actionId)\"")
                continue
            }
            actions.append(action)
            inline.append(action as? any InlineAction)
        }
        guard unknown.isEmpty else {
            throw RuntimeError(.unknownAction, unknown.joined(separator: "; "))
        }
        self.actions = actions
        self.inline = inline
    }
}
