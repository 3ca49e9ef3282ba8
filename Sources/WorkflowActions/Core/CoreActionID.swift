import WorkflowModel

/// The ids of the built-in `core` actions, as Datadog's catalog names them.
public enum CoreActionID {
    /// Does nothing; outputs `{}`.
    public static let noop = "com.datadoghq.core.noop"
    /// Waits `durationSeconds`.
    public static let sleep = "com.datadoghq.core.sleep"
    /// Outputs its `value`.
    public static let echo = "com.datadoghq.core.echo"
    /// Always fails with `message`.
    public static let error = "com.datadoghq.core.error"
    /// Branches `true`/`false` on conditions.
    public static let `if` = "com.datadoghq.core.if"
    /// Branches on the first matching case.
    public static let `switch` = "com.datadoghq.core.switch"
    /// Sets one workflow variable.
    public static let setVariable = "com.datadoghq.core.setVariable"
    /// Sets several workflow variables.
    public static let setVariables = "com.datadoghq.core.setVariables"
    /// Runs a loop body per list element; the scheduler runs it, not an ``Action`` (docs/loops.md).
    public static let forLoop = LoopStructure.Control.forLoopId
    /// Runs a loop body while conditions hold; the scheduler runs it.
    public static let whileLoop = LoopStructure.Control.whileLoopId
    /// Ends the enclosing loop after the current iteration; the scheduler runs it.
    public static let `break` = LoopStructure.Control.breakId

    /// The ids the engine runs itself, without a registered action.
    public static let engineHandled: Set<String> = [forLoop, whileLoop, `break`]
}
