import Foundation
import InMemoryTracing
import Logging
import Prometheus
import Synchronization
import Testing
import Tracing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// The runtime's metrics and spans, recorded into a registry and a tracer the test injects (never the
/// process-wide systems): a retried step, its fallback, a skipped step, trace headers reaching the action.
@Suite("Runtime metrics and spans")
struct RuntimeTelemetryTests {
    /// The trace headers each `test.capture` invocation got.
    final class Captured: Sendable {
        let headers = Mutex<[[String: String]]>([])
    }

    /// An executor recording into `registry` and `tracer`, with the core actions plus `test.capture` (which
    /// hands each invocation's trace headers to `captured`).
    static func executor(
        registry: PrometheusCollectorRegistry, tracer: InMemoryTracer?, captured: Captured? = nil
    ) -> (WorkflowExecutor, MemoryInstanceStore) {
        let clock = VirtualClock()
        var actions = ActionRegistry.core(clock: clock)
        let box = captured
        actions.register(
            "test.capture",
            ScriptedAction { invocation in
                box?.headers.withLock { $0.append(invocation.traceHeaders) }
                return ActionResult()
            })
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: actions, store: store, clock: clock, logger: Logger(label: "test"),
            telemetry: Telemetry(metrics: PrometheusMetricsFactory(registry: registry), tracer: tracer))
        return (executor, store)
    }

    /// Runs `spec` once on `executor` and returns the instance's id.
    static func run(
        _ spec: WorkflowSpec, on executor: WorkflowExecutor, traceHeaders: [String: String] = [:]
    ) async throws -> String {
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf-telemetry", workflowName: "Observed")
        async let running: Void = executor.run()
        var request = StartRequest(plan: plan, trigger: .workflow)
        request.traceHeaders = traceHeaders
        let id = try await executor.start(request)
        _ = await executor.wait(for: id)
        await executor.shutdown()
        await running
        return id
    }

    /// The value of the sample `line` names in Prometheus text (`name{labels}`), `nil` when absent.
    static func sample(_ text: String, _ line: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(line + " ") }.flatMap {
            Double($0.split(separator: " ").last ?? "")
        }
    }

    static func sampleSpec(_ name: String) throws -> WorkflowSpec {
        let url = TestSupport.samplesDirectory.appendingPathComponent("\(name).json")
        return try #require(WorkflowDocument(json: try TestSupport.loadJSON(url)).report.validated?.spec)
    }

    @Test("a step retried twice, then recovered by its fallback: counters, histogram, gauges and spans")
    func retriesAndFallback() async throws {
        let registry = PrometheusCollectorRegistry()
        let tracer = InMemoryTracer()
        let (executor, _) = Self.executor(registry: registry, tracer: tracer)
        let id = try await Self.run(try Self.sampleSpec("error-handler-fallback"), on: executor)

        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let error = #"action_id="com.datadoghq.core.error""#
        #expect(Self.sample(text, #"stepwise_instances_started_total{workflow_id="wf-telemetry"}"#) == 1, "\(text)")
        #expect(
            Self.sample(text, #"stepwise_instances_finished_total{workflow_id="wf-telemetry",status="SUCCEEDED"}"#)
                == 1)
        #expect(Self.sample(text, "stepwise_step_retries_total{\(error)}") == 2)
        #expect(Self.sample(text, #"stepwise_steps_finished_total{\#(error),outcome="recovered"}"#) == 1)
        #expect(
            Self.sample(text, #"stepwise_steps_finished_total{action_id="com.datadoghq.core.noop",outcome="skipped"}"#)
                == 1)
        #expect(Self.sample(text, "stepwise_step_duration_seconds_count{\(error)}") == 3)
        #expect(Self.sample(text, "stepwise_instances_running") == 0)
        #expect(Self.sample(text, "stepwise_timers_pending") == 0)
        #expect(!text.contains(id), "an instance id in a label")

        let spans = tracer.finishedSpans
        let root = try #require(spans.first { $0.operationName == "run Observed" })
        #expect(root.parentSpanID == nil)
        #expect(root.attributes["stepwise.instance.id"]?.toSpanAttribute() == .string(id))
        let steps = spans.filter { $0.parentSpanID == root.spanID }
        #expect(steps.map(\.operationName) == ["step Fail", "step Fail", "step Fail", "step Recover"])
        #expect(steps.allSatisfy { $0.traceID == root.traceID })
        #expect(
            steps.map { $0.attributes["stepwise.step.outcome"]?.toSpanAttribute() }
                == [.string("retrying"), .string("retrying"), .string("recovered"), .string("succeeded")])
        #expect(
            steps.map { $0.attributes["stepwise.step.attempt"]?.toSpanAttribute() } == [
                .int64(1), .int64(2), .int64(3), .int64(1),
            ])
        #expect(steps[0].events.map(\.name) == ["retry scheduled"])
        #expect(steps[0].events.first?.attributes["stepwise.wait.milliseconds"]?.toSpanAttribute() == .int64(1_000))
        #expect(steps[2].status?.code == .error)
        #expect(steps[3].status == nil)
    }

    @Test("a completion gate never met: gate waits counted, attempts' spans say so, the instance span fails")
    func completionGateWaits() async throws {
        let registry = PrometheusCollectorRegistry()
        let tracer = InMemoryTracer()
        let (executor, _) = Self.executor(registry: registry, tracer: tracer)
        _ = try await Self.run(try Self.sampleSpec("completion-gate-exhausted"), on: executor)

        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let echo = #"action_id="com.datadoghq.core.echo""#
        #expect(Self.sample(text, "stepwise_completion_gate_waits_total{\(echo)}") == 2, "\(text)")
        #expect(Self.sample(text, #"stepwise_steps_finished_total{\#(echo),outcome="failed"}"#) == 1)
        #expect(
            Self.sample(text, #"stepwise_instances_finished_total{workflow_id="wf-telemetry",status="STEP_ERROR"}"#)
                == 1)
        #expect(Self.sample(text, "stepwise_step_retries_total{\(echo)}") == nil)

        let spans = tracer.finishedSpans
        let polls = spans.filter { $0.operationName == "step Poll" }
        #expect(
            polls.map { $0.attributes["stepwise.step.outcome"]?.toSpanAttribute() }
                == [.string("gate_not_met"), .string("gate_not_met"), .string("failed")])
        #expect(polls.map { $0.events.map(\.name) } == [["completion gate wait"], ["completion gate wait"], []])
        let root = try #require(spans.first { $0.operationName == "run Observed" })
        #expect(root.status?.code == .error)
        #expect(
            root.attributes["stepwise.error.code"]?.toSpanAttribute() == .string("COMPLETION_CONDITION_NOT_MET"))
        #expect(root.attributes["stepwise.instance.status"]?.toSpanAttribute() == .string("STEP_ERROR"))
    }

    @Test("trace headers: the action gets its span's, and a start with a caller's continues that trace")
    func traceHeaders() async throws {
        let tracer = InMemoryTracer()
        let captured = Captured()
        let (executor, _) = Self.executor(registry: PrometheusCollectorRegistry(), tracer: tracer, captured: captured)
        let spec = SpecBuilder.spec([SpecBuilder.step("Capture", action: "test.capture")], start: ["Capture"])
        _ = try await Self.run(
            spec, on: executor,
            traceHeaders: [InMemoryTracer.traceIDKey: "caller-trace", InMemoryTracer.spanIDKey: "caller-span"])

        let spans = tracer.finishedSpans
        let root = try #require(spans.first { $0.operationName == "run Observed" })
        #expect(root.traceID == "caller-trace")
        #expect(root.parentSpanID == "caller-span")
        let step = try #require(spans.first { $0.operationName == "step Capture" })
        let headers = try #require(captured.headers.withLock { $0.first })
        #expect(headers[InMemoryTracer.spanIDKey] == step.spanID)
        #expect(headers[InMemoryTracer.traceIDKey] == "caller-trace")
    }

    @Test("each executor records into its own registry; without a tracer no action gets trace headers")
    func injectedNotGlobal() async throws {
        let used = PrometheusCollectorRegistry()
        let other = PrometheusCollectorRegistry()
        let captured = Captured()
        let (executor, _) = Self.executor(registry: used, tracer: nil, captured: captured)
        _ = Self.executor(registry: other, tracer: nil)
        let spec = SpecBuilder.spec([SpecBuilder.step("Capture", action: "test.capture")], start: ["Capture"])
        _ = try await Self.run(spec, on: executor)

        var usedBytes: [UInt8] = []
        used.emit(into: &usedBytes)
        var otherBytes: [UInt8] = []
        other.emit(into: &otherBytes)
        let text = String(decoding: usedBytes, as: UTF8.self)
        #expect(
            Self.sample(text, #"stepwise_steps_finished_total{action_id="test.capture",outcome="succeeded"}"#) == 1)
        #expect(!String(decoding: otherBytes, as: UTF8.self).contains("stepwise_steps_finished_total"))
        #expect(captured.headers.withLock { $0 } == [[:]])
    }
}
