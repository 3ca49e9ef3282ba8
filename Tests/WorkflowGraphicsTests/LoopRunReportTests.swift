import Foundation
import Testing
import WorkflowEngine
import WorkflowGraphics
import WorkflowModel
import WorkflowStore

/// A loop's body attempts carry their iteration in the run report, and no retry wait is drawn between
/// iterations.
@Suite("Run report of a loop")
struct LoopRunReportTests {
    static let spec = WorkflowSpec(
        steps: [
            Step(
                name: "Loop", actionId: LoopStructure.Control.forLoopId,
                parameters: [Parameter(name: "inputList", value: [1, 2])],
                outboundEdges: [OutboundEdge(nextStepName: "Work", branchName: "loopStart")]),
            Step(name: "Work", actionId: "com.datadoghq.core.noop"),
        ],
        triggers: [Trigger(kind: .api, startStepNames: ["Loop"])])

    static var journal: [JournalEntry] {
        let events: [InstanceEvent] = [
            .stepStarted(step: "Loop", attempt: 1, inputs: ["inputList": [1, 2]]),
            .loopIterationStarted(step: "Loop", index: 0, body: ["Work"]),
            .stepStarted(step: "Work", attempt: 1, inputs: [:]),
            .stepSucceeded(step: "Work", attempt: 1, outputs: [:], branch: "main"),
            .loopIterationStarted(step: "Loop", index: 1, body: ["Work"]),
            .stepStarted(step: "Work", attempt: 1, inputs: [:]),
            .stepSucceeded(step: "Work", attempt: 1, outputs: [:], branch: "main"),
            .stepSucceeded(step: "Loop", attempt: 1, outputs: ["data": [[:], [:]]], branch: "main"),
            .instanceFinished(status: .succeeded, outputs: .emptyObject, error: nil),
        ]
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        return events.enumerated().map { index, event in
            JournalEntry(sequence: index, time: start.addingTimeInterval(Double(index)), event: event)
        }
    }

    @Test("attempts are labelled by iteration and iterations are not retries")
    func iterations() {
        let overlay = RunOverlay(journal: Self.journal, trigger: .api)
        let work = overlay.attempts.filter { $0.step == "Work" }
        #expect(work.map(\.label) == ["[0] #1", "[1] #1"])
        #expect(work.allSatisfy { $0.waitUntil == nil })
        #expect(overlay.attempts.first { $0.step == "Loop" }?.label == "#1")
        var summary = InstanceSummary(
            id: "i", workflowId: "w", trigger: .api, sourceKind: "manual", source: .emptyObject, inputs: [:],
            startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        for entry in Self.journal { summary.apply(entry) }
        let html = RunReport(title: "loop", spec: Self.spec, summary: summary, journal: Self.journal, virtualTime: true)
            .html()
        #expect(html.contains("Work [1] #1"))
        #expect(html.contains("<td>[0] #1</td>"))
    }
}
