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
    /// Why a step's connection cannot be had (not in the connections file, a variable unset): the step fails
    /// when it runs, the instance still starts.
    let connectionErrors: [ConnectionError?]
    /// Whether each step's action reads the run's template context (a ``ContextReadingAction``).
    let readsContext: [Bool]
    /// Whether the scheduler may cancel each step on its own while the instance goes on (a loop body step, when
    /// its iteration fails): its dispatches and timers get a stop handle. Other steps are only ever cancelled
    /// with the whole run, so they pay nothing for it.
    let stoppable: [Bool]
    /// Whether each step's action is a dry run's mock (its spans say `stepwise.step.mocked`).
    let mocked: [Bool]
    /// The same actions where they only wait (``WaitingAction``: `core.sleep`), else `nil`: the run keeps their
    /// wait as a durable timer instead of running them.
    let waits: [(any WaitingAction)?]

    /// Resolves every step's action in `registry`, and its connection through `connections`; an
    /// ``ExecutorAction`` (child workflows) is bound to `executor`, or runs unbound (and fails) without one.
    /// - Throws: ``RuntimeError`` with code `unknownAction`, naming every step whose action id is not
    ///   registered. A step whose connection cannot be resolved is not refused here: it fails when it runs.
    public init(
        plan: ExecutionPlan, registry: ActionRegistry, connections resolver: ConnectionResolver? = nil,
        executor: WorkflowExecutor? = nil
    ) throws(RuntimeError) {
        var actions: [any Action] = []
        var inline: [(any InlineAction)?] = []
        var unknown: [String] = []
        // Steps sharing an action id share one lookup and one (costly) dynamic cast.
        var resolved:
            [String: (action: any Action, inline: (any InlineAction)?, readsContext: Bool, wait: (any WaitingAction)?)] =
                [:]
        var readsContext: [Bool] = []
        var waits: [(any WaitingAction)?] = []
        actions.reserveCapacity(plan.steps.count)
        inline.reserveCapacity(plan.steps.count)
        for step in plan.steps {
            if let known = resolved[step.actionId] {
                actions.append(known.action)
                inline.append(known.inline)
                readsContext.append(known.readsContext)
                waits.append(known.wait)
                continue
            }
            if CoreActionID.engineHandled.contains(step.actionId) {
                // Loops and break are scheduler control flow: never dispatched to an action.
                actions.append(NoopAction())
                inline.append(nil)
                readsContext.append(false)
                waits.append(nil)
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
            let wait = action as? any WaitingAction
            resolved[step.actionId] = (action, asInline, reads, wait)
            actions.append(action)
            inline.append(asInline)
            readsContext.append(reads)
            waits.append(wait)
        }
        guard unknown.isEmpty else {
            throw RuntimeError(.unknownAction, unknown.joined(separator: "; "))
        }
        self.actions = actions
        self.inline = inline
        self.readsContext = readsContext
        self.stoppable = plan.loops.bodyLoop.map { $0 != nil }
        self.mocked = actions.map { $0 is MockAction }
        self.waits = waits
        let outcomes = resolver?.outcomes(for: plan.spec) ?? [:]
        connections = plan.steps.map { try? outcomes[$0.name]?.get() }
        connectionErrors = plan.steps.map { step in
            guard case .failure(let error)? = outcomes[step.name] else { return nil }
            return error
        }
    }
}
