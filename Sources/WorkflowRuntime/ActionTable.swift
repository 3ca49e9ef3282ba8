import WorkflowActions
import WorkflowEngine
import WorkflowModel

/// The action of every step of a plan, looked up once before the run starts.
public struct ActionTable: Sendable {
    let actions: [any Action]
    /// The same actions where they run inline (no task hop), else `nil`.
    let inline: [(any InlineAction)?]
    /// Each step's connection, when it has a `connectionLabel` and a resolver was given.
    let connections: [ResolvedConnection?]
    /// Whether each step's action reads the run's template context (a ``ContextReadingAction``).
    let readsContext: [Bool]

    /// Resolves every step's action in `registry`, and its connection through `connections`; an
    /// ``ExecutorAction`` (child workflows) is bound to `executor`, or runs unbound (and fails) without one.
    /// - Throws: ``RuntimeError`` with code `unknownAction`, naming every step whose action id is not
    ///   registered; `connection` when a step's connection is not in the connections file or a header needs an
    ///   environment variable that is not set (the message names the step and the variable).
    public init(
        plan: ExecutionPlan, registry: ActionRegistry, connections resolver: ConnectionResolver? = nil,
        executor: WorkflowExecutor? = nil
    ) throws(RuntimeError) {
        var actions: [any Action] = []
        var inline: [(any InlineAction)?] = []
        var unknown: [String] = []
        // Steps sharing an action id share one lookup and one (costly) dynamic cast.
        var resolved: [String: (action: any Action, inline: (any InlineAction)?, readsContext: Bool)] = [:]
        var readsContext: [Bool] = []
        actions.reserveCapacity(plan.steps.count)
        inline.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            if let known = resolved[step.actionId] {
                actions.append(known.action)
                inline.append(known.inline)
                readsContext.append(known.readsContext)
                continue
            }
            if CoreActionID.engineHandled.contains(step.actionId) {
                // Loops and break are scheduler control flow: never dispatched to an action.
                actions.append(NoopAction())
                inline.append(nil)
                readsContext.append(false)
                continue
            }
            guard var action = registry.action(for: step.actionId) else {
                if let reason = ActionRegistry.outOfScopeReason(for: step.actionId) {
                    unknown.append("step \"\(step.name)\" uses action \"\(step.actionId)\", which \(reason)")
                } else {
                    unknown.append("step \"\(step.name)\" uses unknown action \"\(step.actionId)\"")
                }
                continue
            }
            if let executor, let needsExecutor = action as? any ExecutorAction {
                action = BoundExecutorAction(base: needsExecutor, executor: executor, workflowName: plan.workflowName)
            }
            let asInline = action as? any InlineAction
            let reads = action is any ContextReadingAction
            resolved[step.actionId] = (action, asInline, reads)
            actions.append(action)
            inline.append(asInline)
            readsContext.append(reads)
        }
        guard unknown.isEmpty else {
            throw RuntimeError(.unknownAction, unknown.joined(separator: "; "))
        }
        self.actions = actions
        self.inline = inline
        self.readsContext = readsContext
        guard let resolver else {
            connections = Array(repeating: nil, count: plan.steps.count)
            return
        }
        do {
            let byName = try resolver.connections(for: plan.spec)
            connections = plan.steps.map { byName[$0.name] }
        } catch {
            throw RuntimeError(.connection, error.message)
        }
    }
}
