import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("stepwise graph and run --report")
struct GraphCommandTests {
    static func scratch(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).\(ext)").path
    }

    static func golden(_ name: String) throws -> String {
        let url = TestSupport.fixturesDirectory.appendingPathComponent("graphs/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("Mermaid (the default) and DOT on stdout are the golden text")
    func text() async throws {
        let mermaid = try await StepwiseProcess.run(["graph", "samples/if-branch-any-merge.json"])
        #expect(mermaid.status == 0)
        #expect(mermaid.stdout == (try Self.golden("if-branch-any-merge.mmd")))
        let output = Self.scratch("dot")
        let dot = try await StepwiseProcess.run(["graph", "samples/switch-cases.json", "--format", "dot", "-o", output])
        #expect(dot.status == 0)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == (try Self.golden("switch-cases.dot")))
    }

    @Test("SVG without Graphviz names the Debian package")
    func svgWithoutGraphviz() async throws {
        let result = try await StepwiseProcess.run(
            ["graph", "samples/linear-chain.json", "--format", "svg"], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("`graphviz` package"))
    }

    @Test("an unreadable or invalid file is refused with exit 2")
    func refused() async throws {
        let missing = try await StepwiseProcess.run(["graph", "samples/missing.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let invalid = try await StepwiseProcess.run(["graph", "samples/invalid/cycle.json"])
        #expect(invalid.status == 2)
        #expect(invalid.stderr.contains("samples/invalid/cycle.json:/steps/"))
    }

    @Test("run --report writes the page; graph --instance draws the stored run on the graph")
    func reportAndInstance() async throws {
        let database = Self.scratch("db")
        let report = Self.scratch("html")
        let run = try await StepwiseProcess.run([
            "run", "samples/error-handler-fallback.json", "--db", database, "--virtual-time", "--json", "--report",
            report,
        ])
        #expect(run.status == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        for text in ["<section id=\"timeline\">", "recovered by fallback", ">Recover</tspan>", "Next</b> — skipped"] {
            #expect(html.contains(text), "the report should contain \(text)")
        }
        let id = try #require(try JSONValue.parse(run.stdout)["data"]?["id"]?.stringValue)
        let mermaid = try await StepwiseProcess.run([
            "graph", "samples/error-handler-fallback.json", "--db", database, "--instance", id,
        ])
        #expect(mermaid.status == 0)
        #expect(mermaid.stdout.contains("class s0 recovered"))
        #expect(mermaid.stdout.contains("class s1 skipped"))
        #expect(mermaid.stdout.contains("linkStyle 1 stroke:#c0c0c0"))
        let page = try await StepwiseProcess.run([
            "graph", "samples/error-handler-fallback.json", "--db", database, "--instance", id, "--format", "html",
        ])
        #expect(page.status == 0)
        #expect(page.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test("a dry run's report shows coverage on virtual time")
    func dryRunReport() async throws {
        let report = Self.scratch("html")
        let run = try await StepwiseProcess.run([
            "run", "samples/dry-run/release-rehearsal.json", "--dry-run", "--mocks",
            "samples/dry-run/release-rehearsal.mocks.json", "--report", report,
        ])
        #expect(run.status == 0)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("dry run: nothing outside Stepwise ran"))
        #expect(html.contains("virtual (waits are skipped"))
        #expect(html.contains("<b>Rollback</b> — skipped"))
        #expect(html.contains("Check —[false]→ Page"))
        // User text may hold URLs (escaped, as text); the page itself loads nothing.
        for pattern in ["src=", "<link", "href=\"http", "url(http", "@import", "<script"] {
            #expect(!html.contains(pattern), "the page must load nothing: \(pattern)")
        }
    }
}
