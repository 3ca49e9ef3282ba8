import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Journal budget and step payload limits")
struct JournalBudgetTests {
    /// A forLoop over `items` whose body echoes `value`: each iteration journals `value` twice (inputs, outputs).
    private func loop(items: Int, value: String) -> WorkflowSpec {
        SpecBuilder.spec(
            [
                SpecBuilder.step(
                    "Loop", action: CoreActionID.forLoop, next: [("Echo", "loopStart")],
                    parameters: ["inputList": .array((0..<items).map { .number(Double($0)) })]),
                SpecBuilder.step("Echo", action: CoreActionID.echo, parameters: ["value": .string(value)]),
            ], start: ["Loop"])
    }

    @Test("an instance whose journal grows beyond the budget fails, naming the limit")
    func budgetFailsTheInstance() async throws {
        // 1 MB per inputs and per outputs: about 2 MB per iteration, so the 64 MiB budget ends it near 32.
        let megabyte = String(repeating: "x", count: 1_000_000)
        let harness = RuntimeHarness(registry: .core(), clock: ManualClock())
        let summary = try await harness.run(loop(items: 100, value: megabyte))
        #expect(summary.status == .instanceError)
        #expect(summary.error?.code == "JOURNAL_BUDGET_EXCEEDED")
        #expect(summary.error?.message.contains("journal budget") == true)
        let iterations = summary.steps.filter { $0.name == "Echo" }.count
        #expect(iterations > 20 && iterations < 40)
    }

    @Test("the same loop with small values stays within the budget and succeeds")
    func smallValuesSucceed() async throws {
        let harness = RuntimeHarness(registry: .core(), clock: ManualClock())
        let summary = try await harness.run(loop(items: 100, value: "small"))
        #expect(summary.status == .succeeded)
        #expect(summary.steps.filter { $0.name == "Echo" }.count == 100)
    }

    @Test("a step whose rendered inputs pass 15 MB fails without running")
    func oversizedInputsFailTheStep() async throws {
        let big = String(repeating: "y", count: WorkflowLimits.maximumStepPayloadBytes)
        let spec = SpecBuilder.spec(
            [SpecBuilder.step("Echo", action: CoreActionID.echo, parameters: ["value": .string(big)])],
            start: ["Echo"])
        let harness = RuntimeHarness(registry: .core(), clock: ManualClock())
        let summary = try await harness.run(spec)
        #expect(summary.status == .stepError)
        let echo = try #require(summary.steps.first)
        #expect(echo.error?.code == "PAYLOAD_TOO_LARGE")
        #expect(echo.outputs == nil)
    }
}
