import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// `com.datadoghq.script.runPredefinedPowershellScript`: the runner runs it on Windows only and fails it elsewhere
/// with its own message; Stepwise (Linux) does the same, so a workflow written for a Windows runner fails clearly.
@Suite("Script bundle: PowerShell scripts off Windows")
struct PowerShellScriptTests {
    @Test("a workflow step fails with the runner's message, and the steps after it do not run")
    func failsAsTheRunnerDoesOffWindows() async throws {
        let steps = [
            WorkflowRun.step(
                "Clear_cache", ActionRegistry.SystemActionID.runPredefinedPowershellScript,
                ["script": "clear-iis-cache", "parameters": ["site": "{{ Trigger.site }}"]], next: "After"),
            WorkflowRun.step("After", ActionRegistry.SystemActionID.runShellScript, ["script": "echo ran"]),
        ]
        let summary = try await WorkflowRun.run(steps)
        #expect(summary.status == .stepError)
        #expect(summary.step("Clear_cache")?.error?.message == "RunPredefinedPowershellScript is not available")
        #expect(summary.step("Clear_cache")?.error?.code == "FAILED")
        #expect(summary.step("After") == nil)
    }
}
