import Foundation
import Testing
import WorkflowGraphics
import WorkflowModel
import WorkflowTestSupport

/// Mermaid and DOT text of every sample, compared exactly with `Tests/Fixtures/graphs/<sample>.mmd|.dot`.
/// Run with `STEPWISE_UPDATE_GOLDENS=1` to rewrite the files (then review the diff).
@Suite("Golden graphs")
struct GoldenGraphTests {
    static let samples: [URL] =
        TestSupport.jsonFiles(in: TestSupport.samplesDirectory)
        + TestSupport.jsonFiles(in: TestSupport.samplesDirectory.appendingPathComponent("dry-run")).filter {
            !$0.lastPathComponent.hasSuffix(".mocks.json")
        }
    static let directory = TestSupport.fixturesDirectory.appendingPathComponent("graphs")

    static func spec(_ url: URL) throws -> WorkflowSpec {
        let document = WorkflowDocument(json: try TestSupport.loadJSON(url))
        return try #require(document.report.validated?.spec)
    }

    @Test("every sample's Mermaid and DOT text matches its golden file", arguments: samples)
    func golden(sample: URL) throws {
        let picture = GraphPicture(spec: try Self.spec(sample))
        let name = sample.deletingPathExtension().lastPathComponent
        for (text, ext) in [(GraphText.mermaid(picture), "mmd"), (GraphText.dot(picture), "dot")] {
            let url = Self.directory.appendingPathComponent("\(name).\(ext)")
            if ProcessInfo.processInfo.environment["STEPWISE_UPDATE_GOLDENS"] == "1" {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            #expect(text == expected, "\(name).\(ext) differs from its golden file")
        }
    }

    @Test("the built-in SVG layout draws every step and edge of every sample", arguments: samples)
    func builtInSVG(sample: URL) throws {
        let spec = try Self.spec(sample)
        let picture = GraphPicture(spec: spec)
        let svg = GraphSVG.svg(picture)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.hasSuffix("</svg>"))
        for step in spec.steps ?? [] { #expect(svg.contains(">\(HTMLText.escape(step.name))</tspan>")) }
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 >= picture.edges.count)
    }

    @Test("labels: branches, merges, gates, retries, fallbacks and triggers")
    func labels() throws {
        let mermaid = GraphText.mermaid(
            GraphPicture(
                spec: try Self.spec(TestSupport.samplesDirectory.appendingPathComponent("error-handler-fallback.json")))
        )
        #expect(mermaid.contains("on error: retry 2× every 1s"))
        #expect(mermaid.contains("-.->|\"on error\"|"))
        #expect(mermaid.contains("t_workflowTrigger([\"workflow trigger\"])"))
        #expect(mermaid.contains("core.error"))
    }

    @Test("text escaping keeps user text from breaking the syntax")
    func escaping() {
        let spec = WorkflowSpec(
            steps: [Step(name: "say \"hi\" <b>#1</b> | \\", actionId: "com.datadoghq.core.noop")],
            triggers: [Trigger(kind: .api, startStepNames: ["say \"hi\" <b>#1</b> | \\"])])
        let picture = GraphPicture(spec: spec)
        #expect(GraphText.mermaid(picture).contains("say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #124; \\"))
        #expect(GraphText.dot(picture).contains("say \\\"hi\\\" <b>#1</b> | \\\\"))
        #expect(GraphSVG.svg(picture).contains("say &quot;hi&quot; &lt;b&gt;#1&lt;/b&gt; | \\"))
    }

    @Test("an edge that spans several rows bends around the rows between")
    func longEdge() {
        let spec = WorkflowSpec(
            steps: [
                Step(
                    name: "A", actionId: "com.datadoghq.core.if",
                    outboundEdges: [
                        OutboundEdge(nextStepName: "B", branchName: "true"),
                        OutboundEdge(nextStepName: "D", branchName: "false"),
                    ]),
                Step(name: "B", actionId: "com.datadoghq.core.noop", outboundEdges: [OutboundEdge(nextStepName: "C")]),
                Step(name: "C", actionId: "com.datadoghq.core.noop", outboundEdges: [OutboundEdge(nextStepName: "D")]),
                Step(name: "D", actionId: "com.datadoghq.core.noop"),
            ],
            triggers: [Trigger(kind: .api, startStepNames: ["A"])])
        let paths = GraphSVG.svg(GraphPicture(spec: spec)).split(separator: "\n").filter {
            $0.contains("class=\"edge\"")
        }
        #expect(paths.count == 5)
        // A → D crosses the rows of B and C: one straight run through each.
        #expect(paths.filter { $0.components(separatedBy: " L").count - 1 == 2 }.count == 1)
    }
}
