import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run` with `OTEL_EXPORTER_OTLP_ENDPOINT` set exports its spans over OTLP/HTTP: a receiver on
/// 127.0.0.1 collects the bodies, the official OpenTelemetry protobuf classes decode them
/// (`Tests/clients/otlp_spans.py`), and the span tree is checked: a trace per instance, a span per step
/// attempt, retries as span events, the child workflow under its step. The step's `traceparent` reaches a real
/// HTTP server and a shell step's environment; JSON logs carry the same trace id; the connection's secret is
/// nowhere.
@Suite("Traces exported over OTLP by stepwise run")
struct TracingCommandTests {
    static let childId = "0b5e7f0e-3c1a-4d7e-9f51-6a2b8c9d0e11"
    static let secret = "s3cr3t-obs-token-7421"

    /// An OTLP/HTTP receiver's answer: 200 with an empty `ExportTraceServiceResponse`.
    static let acceptExport: @Sendable (StandInServer.Request) -> StandInServer.Response = { _ in
        StandInServer.Response(contentType: "application/x-protobuf", body: [])
    }

    /// A decoded span.
    struct Span {
        var traceId: String
        var spanId: String
        var parentSpanId: String
        var name: String
        var attributes: JSONValue
        var events: [String]

        init(_ json: JSONValue) {
            traceId = json["traceId"]?.stringValue ?? ""
            spanId = json["spanId"]?.stringValue ?? ""
            parentSpanId = json["parentSpanId"]?.stringValue ?? ""
            name = json["name"]?.stringValue ?? ""
            attributes = json["attributes"] ?? .null
            events = json["events"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }

        func attribute(_ key: String) -> String? {
            switch attributes[key] {
            case .string(let text)?: text
            case .number(let number)?: JSONValue.format(number: number)
            default: nil
            }
        }
    }

    @Test("a run with a retry, a fallback and a child workflow: one trace, the span tree, traceparent sent")
    func spanTree() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-otlp-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("stepwise.db").path
        let fixtures = TestSupport.fixturesDirectory.appendingPathComponent("observability")
        let created = try await StepwiseProcess.run([
            "workflows", "create", fixtures.appendingPathComponent("child.json").path, "--id", Self.childId,
            "--db", database,
        ])
        try #require(created.status == 0, "\(created.stderr)")

        let answerOK: @Sendable (StandInServer.Request) -> StandInServer.Response = { _ in .json(["ok": true]) }
        try await StandInServer.with(answerOK) { target in
            try await StandInServer.with(Self.acceptExport) { receiver in
                let connections = folder.appendingPathComponent("connections.yaml")
                try Data(
                    """
                    connections:
                      HOOK:
                        baseUrl: \(target.baseURL)
                        headers:
                          Authorization: Bearer \(Self.secret)
                    """.utf8
                ).write(to: connections)
                let run = try await StepwiseProcess.run(
                    [
                        "run", fixtures.appendingPathComponent("parent.json").path, "--db", database,
                        "--virtual-time", "--connections", connections.path, "--log-format", "json",
                        "--log-level", "debug",
                    ],
                    environment: [
                        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.baseURL, "OTEL_SERVICE_NAME": "stepwise-e2e",
                        "OTEL_BSP_SCHEDULE_DELAY": "100",
                    ])
                #expect(run.status == 0, "\(run.stderr)")
                let spans = try await Self.decode(receiver.requests.filter { $0.path == "/v1/traces" }, in: folder)
                try Self.checkTree(spans, run: run, target: target)
            }
        }
    }

    /// Writes each body to a file and decodes them all with the OpenTelemetry protobuf classes.
    static func decode(
        _ requests: [StandInServer.Request], in folder: URL, service: String = "stepwise-e2e"
    ) async throws -> [Span] {
        var paths: [String] = []
        for (index, request) in requests.enumerated() {
            let file = folder.appendingPathComponent("export-\(index).pb")
            try Data(request.body).write(to: file)
            paths.append(file.path)
        }
        try #require(!paths.isEmpty, "no OTLP export arrived")
        let decoded = try await PythonClient.run("otlp_spans.py", arguments: paths)
        let spans = (decoded.arrayValue ?? []).map(Span.init)
        #expect(decoded.arrayValue?.allSatisfy { $0["service"]?.stringValue == service } == true)
        #expect(!decoded.compactJSON.contains(secret), "a span carries the connection's secret")
        return spans
    }

    static func checkTree(_ spans: [Span], run: StepwiseProcess, target: StandInServer) throws {
        let roots = spans.filter { $0.parentSpanId.isEmpty }
        try #require(roots.count == 1, "\(spans.map(\.name))")
        let root = roots[0]
        #expect(spans.allSatisfy { $0.traceId == root.traceId }, "one trace for the parent and its child")
        #expect(root.attribute("stepwise.instance.status") == "SUCCEEDED")
        let steps = spans.filter { $0.parentSpanId == root.spanId }
        #expect(
            steps.map(\.name).sorted() == [
                "step Call", "step Child", "step Fail", "step Fail", "step Recover", "step Shell",
            ])
        for step in steps {
            #expect(step.attribute("stepwise.instance.id") == root.attribute("stepwise.instance.id"))
            #expect(step.attribute("stepwise.workflow.id") == root.attribute("stepwise.workflow.id"))
        }
        let fails = steps.filter { $0.name == "step Fail" }.sorted {
            ($0.attribute("stepwise.step.attempt") ?? "") < ($1.attribute("stepwise.step.attempt") ?? "")
        }
        #expect(fails.map { $0.attribute("stepwise.step.attempt") } == ["1", "2"])
        #expect(fails.map { $0.attribute("stepwise.step.outcome") } == ["retrying", "recovered"])
        #expect(fails.first?.events == ["retry scheduled"])
        #expect(fails.last?.attribute("stepwise.error.message") == "boom")
        #expect(fails.first?.attribute("stepwise.action.id") == "com.datadoghq.core.error")

        // The child's instance span hangs under the parent's Child step span; its step under it.
        let childStep = try #require(steps.first { $0.name == "step Child" })
        let childRun = try #require(spans.first { $0.parentSpanId == childStep.spanId })
        #expect(childRun.attribute("stepwise.workflow.id") == childId)
        #expect(spans.contains { $0.parentSpanId == childRun.spanId && $0.name == "step Echo" })

        // The HTTP step's request carried its span's traceparent; the shell step saw its own.
        let call = try #require(steps.first { $0.name == "step Call" })
        let shell = try #require(steps.first { $0.name == "step Shell" })
        #expect(target.requests.first?.headers["traceparent"] == "00-\(root.traceId)-\(call.spanId)-01")
        let outputs = try JSONValue.parse(Data(run.stdout.utf8))
        #expect(outputs["shellSaw"]?.stringValue == "00-\(root.traceId)-\(shell.spanId)-01")
        #expect(outputs["childSaid"]?.stringValue == "hi!")

        // JSON log lines inside a step's span carry its ids; the secret is in no log line.
        let lines = run.stderr.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
        let traced = lines.filter { $0["trace_id"] != nil }
        #expect(!traced.isEmpty, "\(run.stderr)")
        #expect(traced.allSatisfy { $0["trace_id"]?.stringValue == root.traceId })
        #expect(traced.contains { $0["span_id"]?.stringValue == call.spanId && $0["step"]?.stringValue == "Call" })
        #expect(!run.stderr.contains(secret))
    }
}
