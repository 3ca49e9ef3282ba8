import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowTestSupport

/// A real `stepwise serve`, driven and scraped by real consumers: Python's urllib creates and executes a workflow
/// (with a caller's `traceparent`), Prometheus's own parser reads `GET /metrics`
/// (`Tests/clients/serve_metrics_run.py`), and the spans the server exports over OTLP/HTTP on its graceful
/// shutdown are decoded with the OpenTelemetry protobuf classes.
@Suite("stepwise serve: /metrics and trace continuation")
struct ServeMetricsCommandTests {
    static let traceId = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let callerSpanId = "00f067aa0ba902b7"

    /// One sample's value, by name and labels (`nil` when absent).
    static func value(_ scrape: JSONValue, _ name: String, _ labels: [String: String] = [:]) -> Double? {
        let match = scrape["samples"]?.arrayValue?.first { sample in
            sample["name"]?.stringValue == name
                && labels.allSatisfy { sample["labels"]?[$0.key]?.stringValue == $0.value }
        }
        return match?["value"]?.numberValue
    }

    @Test("a known run's metrics, parsed by prometheus_client; the execute request's trace continues")
    func scrapeAfterRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = TestSupport.fixturesDirectory.appendingPathComponent("observability/api-retry.json").path
        let traceparent = "00-\(Self.traceId)-\(Self.callerSpanId)-01"
        try await StandInServer.with(TracingCommandTests.acceptExport) { receiver in
            let scraped = Mutex<JSONValue?>(nil)
            let result = try await StepwiseProcess.run(
                ["serve", "--port", "0", "--db", folder.appendingPathComponent("stepwise.db").path],
                environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": receiver.baseURL, "OTEL_BSP_SCHEDULE_DELAY": "100"]
            ) { process, stderr in
                DispatchQueue.global().asyncAfter(deadline: .now() + 60) {
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
                let seen = StepwiseProcess.read(stderr, until: "\n")
                let text = String(decoding: seen, as: UTF8.self)
                defer { kill(process.processIdentifier, SIGTERM) }
                guard let range = text.range(of: "127.0.0.1:"),
                    let port = Int(text[range.upperBound...].prefix(while: \.isNumber))
                else { return seen }
                let json = try PythonClient.runBlocking(
                    "serve_metrics_run.py", arguments: [String(port), spec, traceparent])
                scraped.withLock { $0 = json }
                return seen
            }
            #expect(result.status == 0, "\(result.stderr)")
            let scrape = try #require(scraped.withLock { $0 })
            try Self.checkMetrics(scrape)
            let spans = try await TracingCommandTests.decode(
                receiver.requests.filter { $0.path == "/v1/traces" }, in: folder, service: "stepwise")
            let root = try #require(spans.first { $0.name.hasPrefix("run ") })
            #expect(root.traceId == Self.traceId)
            #expect(root.parentSpanId == Self.callerSpanId)
            #expect(spans.allSatisfy { $0.traceId == Self.traceId })
        }
    }

    static func checkMetrics(_ scrape: JSONValue) throws {
        #expect(scrape["status"]?.stringValue == "SUCCEEDED")
        #expect(scrape["contentType"]?.stringValue?.hasPrefix("text/plain; version=0.0.4") == true)
        let workflow = try #require(scrape["workflowId"]?.stringValue)
        let instance = try #require(scrape["instanceId"]?.stringValue)
        #expect(value(scrape, "stepwise_instances_started_total", ["workflow_id": workflow]) == 1)
        #expect(
            value(scrape, "stepwise_instances_finished_total", ["workflow_id": workflow, "status": "SUCCEEDED"]) == 1)
        #expect(value(scrape, "stepwise_instances_running") == 0)
        #expect(value(scrape, "stepwise_timers_pending") == 0)
        let error = "com.datadoghq.core.error"
        #expect(value(scrape, "stepwise_steps_finished_total", ["action_id": error, "outcome": "recovered"]) == 1)
        #expect(
            value(
                scrape, "stepwise_steps_finished_total",
                ["action_id": "com.datadoghq.core.echo", "outcome": "succeeded"]) == 1)
        #expect(value(scrape, "stepwise_step_retries_total", ["action_id": error]) == 1)
        #expect(value(scrape, "stepwise_step_duration_seconds_count", ["action_id": error]) == 2)
        #expect(scrape["families"]?["stepwise_step_duration_seconds"]?.stringValue == "histogram")
        #expect((value(scrape, "stepwise_store_commit_seconds_count") ?? 0) >= 2)
        #expect((value(scrape, "stepwise_store_commit_entries_sum") ?? 0) >= 8)
        let executed = [
            "route": "/api/v2/workflows/{workflow_id}/instances", "method": "POST", "status": "200",
        ]
        #expect(value(scrape, "stepwise_api_requests_total", executed) == 1, "\(scrape["text"]?.stringValue ?? "")")
        #expect(
            value(scrape, "stepwise_api_requests_total", ["route": "unmatched", "status": "404"]) == 1,
            "\(scrape["text"]?.stringValue ?? "")")
        #expect(
            value(
                scrape, "stepwise_api_request_duration_seconds_count",
                ["route": "/api/v2/workflows/{workflow_id}/instances", "method": "POST"]) == 1)
        // Bounded labels: no instance id anywhere, whatever the route.
        let text = scrape["text"]?.stringValue ?? ""
        #expect(!text.isEmpty)
        #expect(!text.contains(instance))
    }
}
