/// `com.datadoghq.script.runPredefinedPowershellScript`: the runner runs predefined PowerShell scripts on Windows
/// only; everywhere else (Stepwise runs on Linux) it fails every step with the runner's own message,
/// `RunPredefinedPowershellScript is not available`, so a workflow written for a Windows runner fails here as it
/// would on a Linux runner.
public struct PowerShellScriptAction: Action {
    public init() {}

    /// Fails.
    /// - Throws: ``ActionError`` `.failed`, always.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        throw ActionError(.failed, "RunPredefinedPowershellScript is not available")
    }
}
