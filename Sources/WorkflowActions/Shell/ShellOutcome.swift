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

    /// The step's outputs, or the failure a non-zero exit is.
    func result(script: String, durationMillis: Double, noFailOnError: Bool) throws(ActionError) -> ActionResult {
        let stderrText = stderr.text
        if exitCode != 0, !noFailOnError {
            let excerpt = stderrText.prefix(ShellAction.messageStderrLimit)
            let detail = excerpt.isEmpty ? "" : ": \(excerpt)"
            throw ActionError(.failed, "shell script exited with code \(exitCode)\(detail)")
        }
        return ActionResult(outputs: [
            "executedCommand": .string(script),
            "exitCode": .number(Double(exitCode)),
            "stdout": .string(stdout.text),
            "stderr": .string(stderrText),
            "durationMillis": .number(durationMillis.rounded()),
        ])
    }
}
