import WorkflowModel

extension ActionRegistry {
    /// A registry with every built-in `core` action under its full id (``CoreActionID``).
    /// - Parameter clock: the clock `core.sleep` waits on; tests pass a manual clock.
    public static func core(clock: any Clock<Duration> = ContinuousClock()) -> ActionRegistry {
        var registry = ActionRegistry()
        registry.registerCore(clock: clock)
        return registry
    }

    /// Registers every built-in `core` action under its full id, replacing earlier ones.
    public mutating func registerCore(clock: any Clock<Duration> = ContinuousClock()) {
        register(CoreActionID.noop, NoopAction())
        register(CoreActionID.sleep, SleepAction(clock: clock))
        register(CoreActionID.echo, EchoAction())
        register(CoreActionID.error, ErrorAction())
        register(CoreActionID.if, IfAction())
        register(CoreActionID.switch, SwitchAction())
        register(CoreActionID.setVariable, SetVariableAction())
        register(CoreActionID.setVariables, SetVariablesAction())
    }

    /// The steps of `spec` whose action id has no registered action, in spec order: check them before a run.
    /// - Parameter ignoring: ids the engine runs itself (``CoreActionID/engineHandled``: `core.forLoop`).
    public func unknownActions(
        in spec: WorkflowSpec,
        ignoring: Set<String> = CoreActionID.engineHandled
    ) -> [(step: String, actionId: String)] {
        (spec.steps ?? []).compactMap { step in
            guard action(for: step.actionId) == nil, !ignoring.contains(step.actionId) else { return nil }
            return (step: step.name, actionId: step.actionId)
        }
    }
}
