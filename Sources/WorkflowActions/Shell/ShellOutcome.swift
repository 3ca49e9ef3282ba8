import Subprocess
import WorkflowModel

/// How a script ended, and what it printed.
struct ShellOutcome: Sendable {
    var status: TerminationStatus
    var stdout: CappedOutput
    var stderr: CappedOutput

    /// The exit code; 128 + signal for a script killed by a signal.
    var exitCode: Int {
        switch status {
        case .exited(let code): return Int(code)
        case .signaled(let signal): return 128 + Int(signal)
        }
    }

    /// How Go's `os/exec` words the end: `exit status 3`, `signal: 9`.
    var statusText: String {
        switch status {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "signal: \(signal)"
        }
    }

    /// The step's outputs, or the failure a non-zero exit is.
    func result(
        script: String, durationMillis: Double, noFailOnError: Bool, stripTrailingNewline: Bool
    ) throws(ActionError) -> ActionResult {
        let stderrText = stderr.text(strippingNewline: stripTrailingNewline)
        if exitCode != 0, !noFailOnError {
            let excerpt = stderrText.prefix(ShellAction.messageStderrLimit)
            let detail = excerpt.isEmpty ? "" : ": \(excerpt)"
            throw ActionError(.failed, "shell script exited with code \(exitCode)\(detail)")
        }
        return ActionResult(outputs: [
            "executedCommand": .string(script),
            "exitCode": .number(Double(exitCode)),
            "stdout": .string(stdout.text(strippingNewline: stripTrailingNewline)),
            "stderr": .string(stderrText),
            "durationMillis": .number(durationMillis.rounded()),
        ])
    }
}
