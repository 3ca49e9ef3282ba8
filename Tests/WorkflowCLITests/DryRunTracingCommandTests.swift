import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run --dry-run` with `OTEL_EXPORTER_OTLP_ENDPOINT` set exports its spans like a real run: the
/// instance span says it is a dry run, a mocked step's span says it was mocked, a step that ran for real does not.
@Suite("Traces of a dry run")
struct DryRunTracingCommandTests {
    @Test("a dry run exports its span tree, mocked steps marked")
    func dryRunSpans() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-otlp-dry-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = TestSupport.fixturesDirectory.appendingPathComponent("observability/dry-run.json")
        try await StandInServer.with(TracingCommandTests.acceptExport) { receiver in
            let run = try await StepwiseProcess.run(
                ["run", fixture.path, "--dry-run"],
                environment: [
                    "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.baseURL, "OTEL_SERVICE_NAME": "stepwise-e2e",
                    "OTEL_BSP_SCHEDULE_DELAY": "100",
                ])
            #expect(run.status == 0, "\(run.stderr)")
            let spans = try await TracingCommandTests.decode(
                receiver.requests.filter { $0.path == "/v1/traces" }, in: folder)
            let roots = spans.filter { $0.parentSpanId.isEmpty }
            try #require(roots.count == 1, "\(spans.map(\.name))")
            let root = roots[0]
            #expect(root.attributes["stepwise.dry_run"] == .bool(true))
            #expect(root.attribute("stepwise.instance.status") == "SUCCEEDED")
            let steps = spans.filter { $0.parentSpanId == root.spanId }
            #expect(steps.map(\.name).sorted() == ["step Call", "step Echo"])
            let call = try #require(steps.first { $0.name == "step Call" })
            let echo = try #require(steps.first { $0.name == "step Echo" })
            #expect(call.attributes["stepwise.step.mocked"] == .bool(true))
            #expect(call.attribute("stepwise.step.outcome") == "succeeded")
            #expect(echo.attributes["stepwise.step.mocked"] == nil)
        }
    }
}
