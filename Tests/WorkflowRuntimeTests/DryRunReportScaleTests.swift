import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Dry-run report of a step retried many times")
struct DryRunReportScaleTests {
    /// The journal of step `A` failing `attempts` times, retried every second, then failing for good.
    private static func journal(attempts: Int, start: Date) -> [JournalEntry] {
        var events: [InstanceEvent] = []
        events.reserveCapacity(3 * attempts + 1)
        let failure = StepFailure(message: "boom", code: "FAILED")
        for attempt in 1...attempts {
            events.append(.stepStarted(step: "A", attempt: attempt, inputs: ["n": .number(Double(attempt))]))
            if attempt < attempts {
                events.append(.stepAttemptFailed(step: "A", attempt: attempt, failure: failure))
                events.append(.stepWaiting(step: "A", attempt: attempt, reason: .errorHandlerRetry, delay: .seconds(1)))
            }
        }
        events.append(.stepFailed(step: "A", attempt: attempts, failure: failure, recovered: true))
        return events.enumerated().map { index, event in
            JournalEntry(sequence: index, time: start.addingTimeInterval(Double(index / 3)), event: event)
        }
    }

    @Test("20,000 attempts: one report for the step, every attempt in order with its outcome")
    func twentyThousandAttempts() throws {
        let spec = SpecBuilder.spec(
            [SpecBuilder.step("A", fallback: "B", retries: 19_999), SpecBuilder.step("B")], start: ["A"])
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Retries")
        let start = Date(timeIntervalSince1970: 1_000_000)
        let report = DryRunReport(
            plan: plan, journal: Self.journal(attempts: 20_000, start: start), startedAt: start,
            recorder: DryRunRecorder())
        #expect(report.steps.count == 1)
        let step = try #require(report.steps.first)
        #expect(step.attempts.count == 20_000)
        #expect(step.attempts.map(\.number) == Array(1...20_000))
        #expect(step.attempts.first?.outcome == "failed: boom, retried after 1s")
        #expect(step.attempts.last?.outcome == "failed: boom")
        #expect(step.attempts.last?.at == .seconds(19_999))
        #expect(step.branch == "fallback")
        #expect(report.edgesNotTaken.isEmpty)
    }

    @Test("a warning given many times is kept once, in first-given order")
    func warningsKeptOnce() {
        let recorder = DryRunRecorder()
        for index in 0..<10_000 { recorder.warn("warning \(index % 3)") }
        #expect(recorder.warnings == ["warning 0", "warning 1", "warning 2"])
    }
}
