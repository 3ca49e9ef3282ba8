import Foundation
import Testing
import WorkflowEngine
import WorkflowGraphics
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// A hand-written run of a small workflow: an `if` that went `true`, a step that failed twice and was recovered
/// by its fallback, a skipped branch, and user text that needs escaping.
enum SampleRun {
    static let evil = "</pre><script>alert('x')</script>"

    static let spec = WorkflowSpec(
        steps: [
            Step(
                name: "Check", actionId: "com.datadoghq.core.if",
                outboundEdges: [
                    OutboundEdge(nextStepName: "Call <api>", branchName: "true"),
                    OutboundEdge(nextStepName: "Never", branchName: "false"),
                ]),
            Step(
                name: "Call <api>", actionId: "com.datadoghq.http.request",
                outboundEdges: [OutboundEdge(nextStepName: "Done")],
                errorHandlers: [
                    ErrorHandler(
                        fallbackStepName: "Recover", retryStrategy: .linear(interval: .init(seconds: 2), maxRetries: 1))
                ]),
            Step(
                name: "Never", actionId: "com.datadoghq.core.noop", outboundEdges: [OutboundEdge(nextStepName: "Done")]),
            Step(name: "Recover", actionId: "com.datadoghq.core.echo"),
            Step(name: "Done", actionId: "com.datadoghq.core.noop", readinessGate: ReadinessGate(thresholdType: .any)),
        ],
        triggers: [Trigger(kind: .api, startStepNames: ["Check"]), Trigger(kind: .monitor, startStepNames: ["Never"])])

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static var journal: [JournalEntry] {
        let failure = StepFailure(message: evil, code: "FAILED", attempts: 2)
        let events: [(Double, InstanceEvent)] = [
            (0, .stepStarted(step: "Check", attempt: 1, inputs: ["condition": .bool(true)])),
            (0.1, .stepSucceeded(step: "Check", attempt: 1, outputs: ["result": .bool(true)], branch: "true")),
            (0.1, .stepSkipped(step: "Never")),
            (0.1, .stepStarted(step: "Call <api>", attempt: 1, inputs: ["url": .string(evil)])),
            (0.6, .stepAttemptFailed(step: "Call <api>", attempt: 1, failure: failure)),
            (0.6, .stepWaiting(step: "Call <api>", attempt: 1, reason: .errorHandlerRetry, delay: .seconds(2))),
            (2.6, .stepStarted(step: "Call <api>", attempt: 2, inputs: ["url": .string(evil), "try": .number(2)])),
            (3.1, .stepFailed(step: "Call <api>", attempt: 2, failure: failure, recovered: true)),
            (3.1, .stepStarted(step: "Recover", attempt: 1, inputs: ["value": .string("recovering")])),
            (3.2, .stepSucceeded(step: "Recover", attempt: 1, outputs: ["value": .string("ok")], branch: "main")),
            (3.2, .stepSkipped(step: "Done")),
            (3.2, .instanceFinished(status: .succeeded, outputs: .emptyObject, error: nil)),
        ]
        return events.enumerated().map { index, pair in
            JournalEntry(sequence: index, time: start.addingTimeInterval(pair.0), event: pair.1)
        }
    }

    static var summary: InstanceSummary {
        var summary = InstanceSummary(
            id: "inst-1", workflowId: "wf-1", trigger: .api, sourceKind: "manual", source: .emptyObject,
            inputs: ["who": .string(evil)], startedAt: start)
        for entry in journal { summary.apply(entry) }
        return summary
    }

    static var report: RunReport {
        RunReport(title: "Sample <run>", spec: spec, summary: summary, journal: journal, virtualTime: true)
    }
}

@Suite("Run report")
struct RunReportTests {
    @Test("the page has every step, the timeline, coverage, and escapes user text")
    func structure() {
        let html = SampleRun.report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for step in SampleRun.spec.steps ?? [] {
            #expect(html.contains("<h3>\(HTMLText.escape(step.name)) "))
            #expect(html.contains("data-step=\"\(HTMLText.escape(step.name))\""))
        }
        #expect(html.contains("<section id=\"timeline\">"))
        #expect(html.components(separatedBy: "class=\"attempt\"").count - 1 == 4)
        #expect(html.contains("<section id=\"coverage\">"))
        #expect(html.contains("Never —[false]→ Never") == false)
        #expect(html.contains("Check —[false]→ Never"))
        #expect(html.contains("recovered by fallback"))
        #expect(html.contains("inputs of each attempt"))
        #expect(html.contains("inputs (latest attempt)"))
        #expect(html.contains("Sample &lt;run&gt;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<api>"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        for pattern in ["http:", "https:", "src=", "@import", "url(h", "<link"] {
            #expect(!html.contains(pattern), "the page must reference nothing outside itself: \(pattern)")
        }
    }

    @Test("the overlay colours states and greys dead edges")
    func overlay() {
        let picture = GraphPicture(spec: SampleRun.spec, run: SampleRun.report.overlay)
        #expect(picture.nodes.map(\.state) == [.succeeded, .recovered, .skipped, .succeeded, .skipped])
        #expect(picture.nodes[1].runNote == "2 attempts · 3s")
        #expect(picture.edges.map(\.taken) == [true, false, false, true, false])
        #expect(picture.nodes[4].merge == "ANY")
        let mermaid = GraphText.mermaid(picture)
        #expect(mermaid.contains("class s1 recovered"))
        #expect(mermaid.contains("linkStyle 1,3,4,6 stroke:#c0c0c0"))
        let dot = GraphText.dot(picture)
        #expect(dot.contains("s0 -> s2 [label=\"false\", color=\"#c0c0c0\", fontcolor=\"#c0c0c0\"];"))
    }
}
