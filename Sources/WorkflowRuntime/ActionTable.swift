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
    /// How each step's dispatch is carried out, read before any of the arrays of actions above is touched: copying
    /// an optional existential to test it costs a runtime call per step.
    let kinds: [Kind]

    /// How a step's dispatch is carried out.
    enum Kind: UInt8, Sendable {
        /// A durable timer (``waits``).
        case wait
        /// Run on the run's own task (``inline``).
        case inline
        /// A child task of the run (``actions``).
        case task
    }

    /// Resolves every step's action in `registry`, and its connection through `connections`; an
    /// ``ExecutorAction`` (child workflows) is bound to `executor`, or runs unbound (and fails) without one.
    /// - Throws: ``RuntimeError`` with code `unknownAction`, naming every step whose action id is not
    ///   registered. A step whose connection cannot be resolved is not refused here: it fails when it runs.
    public init(
        plan: ExecutionPlan, registry: ActionRegistry, connections resolver: ConnectionResolver? = nil,
        executor: WorkflowExecutor? = nil
    ) throws(RuntimeError) {
        let count = plan.steps.count
        var actions: [any Action] = []
        var inline: [(any InlineAction)?] = []
        var readsContext: [Bool] = []
        var waits: [(any WaitingAction)?] = []
        var mocked: [Bool] = []
        var kinds: [Kind] = []
        actions.reserveCapacity(count)
        inline.reserveCapacity(count)
        readsContext.reserveCapacity(count)
        waits.reserveCapacity(count)
        mocked.reserveCapacity(count)
        kinds.reserveCapacity(count)
        var unknown: [String] = []
        // Steps sharing an action id share one lookup and one (costly) set of dynamic casts: later steps copy the
        // first one's entries, by its position.
        var firstStep: [String: Int] = [:]
        for step in plan.steps {
            if let first = firstStep[step.actionId] {
                actions.append(actions[first])
                inline.append(inline[first])
                readsContext.append(readsContext[first])
                waits.append(waits[first])
                mocked.append(mocked[first])
                kinds.append(kinds[first])
                continue
            }
            let engineHandled = CoreActionID.engineHandled.contains(step.actionId)
            let action: any Action
            if engineHandled {
                // Loops and break are scheduler control flow: never dispatched to an action.
                action = NoopAction()
            } else if var found = registry.action(for: step.actionId) {
                if let executor, let needsExecutor = found as? any ExecutorAction {
                    found = BoundExecutorAction(
                        base: needsExecutor, executor: executor, workflowName: plan.workflowName)
                }
                action = found
            } else {
                if let reason = ActionRegistry.outOfScopeReason(for: step.actionId) {
                    unknown.append("step \"\(step.name)\" uses action \"\(step.actionId)\", which \(reason)")
                } else {
                    unknown.append("step \"\(step.name)\" uses unknown action \"\(step.actionId)\"")
                }
                continue
            }
            let asInline = engineHandled ? nil : action as? any InlineAction
            let wait = engineHandled ? nil : action as? any WaitingAction
            firstStep[step.actionId] = actions.count
            actions.append(action)
            inline.append(asInline)
            readsContext.append(!engineHandled && action is any ContextReadingAction)
            waits.append(wait)
            mocked.append(action is MockAction)
            kinds.append(wait != nil ? .wait : asInline != nil ? .inline : .task)
        }
        guard unknown.isEmpty else {
            throw RuntimeError(.unknownAction, unknown.joined(separator: "; "))
        }
        self.actions = actions
        self.inline = inline
        self.readsContext = readsContext
        self.stoppable = plan.loops.bodyLoop.map { $0 != nil }
        self.mocked = mocked
        self.waits = waits
        self.kinds = kinds
        guard let resolver else {
            connections = Array(repeating: nil, count: count)
            connectionErrors = Array(repeating: nil, count: count)
            return
        }
        let outcomes = resolver.outcomes(for: plan.spec)
        connections = plan.steps.map { try? outcomes[$0.name]?.get() }
        connectionErrors = plan.steps.map { step in
            guard case .failure(let error)? = outcomes[step.name] else { return nil }
            return error
        }
    }
}
