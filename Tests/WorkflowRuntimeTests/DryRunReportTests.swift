import Foundation
import Logging
import Synchronization
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Dry-run report and connections in the runtime")
struct DryRunReportTests {
    private static let spec = """
        {"triggers": [{"workflowTrigger": {}, "startStepNames": ["Call"]}],
         "steps": [
           {"name": "Call", "actionId": "com.datadoghq.http.request", "parameters": [{"name": "url", "value": "https://x.test/{{ Trigger.id }}"}],
            "outboundEdges": [{"nextStepName": "Route", "branchName": "main"}],
            "errorHandlers": [{"fallbackStepName": "Recover", "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR", "linear": {"interval": "30s", "maxRetries": 2}}}]},
           {"name": "Route", "actionId": "com.datadoghq.core.switch",
            "parameters": [{"name": "switchExpression", "value": "{{ Steps.Call.status }}"},
                           {"name": "cases", "value": [{"branchName": "ok", "value": 200}]}],
            "outboundEdges": [{"nextStepName": "Done", "branchName": "ok"}, {"nextStepName": "Odd", "branchName": "default"}]},
           {"name": "Done", "actionId": "com.datadoghq.core.noop"},
           {"name": "Odd", "actionId": "com.datadoghq.core.noop"},
           {"name": "Recover", "actionId": "com.datadoghq.core.noop"}
         ]}
        """

    @Test func aRetriedMockAndASwitchShowAttemptsAtVirtualTimesAndCoverage() async throws {
        let spec = try #require(WorkflowDocument(json: try JSONValue.parse(Self.spec)).report.validated?.spec)
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Test")
        let book = try MockBook(json: [
            "actions": [
                "com.datadoghq.http.request": ["sequence": [["fail": "timeout"], ["outputs": ["status": 200]]]]
            ]
        ])
        let recorder = DryRunRecorder()
        let clock = VirtualClock()
        let registry = ActionRegistry.dryRun(
            steps: (spec.steps ?? []).map { (name: $0.name, actionId: $0.actionId) }, book: book, recorder: recorder,
            clock: clock, available: .system())
        let start = Date(timeIntervalSince1970: 1_000_000)
        let journal = Mutex<[JournalEntry]>([])
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: registry, store: store, clock: clock, logger: Logger(label: "test"),
            now: {
                let (seconds, _) = clock.elapsed.components
                return start.addingTimeInterval(Double(seconds))
            },
            observer: { _, entries in journal.withLock { $0 += entries } })
        async let running: Void = executor.run()
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow, inputs: ["id": "42"]))
        let status = await executor.wait(for: id)
        await executor.shutdown()
        await running
        #expect(status == .succeeded)
        let report = DryRunReport(plan: plan, journal: journal.withLock { $0 }, startedAt: start, recorder: recorder)
        let call = try #require(report.steps.first)
        #expect(call.name == "Call")
        #expect(call.mock == .action)
        #expect(call.inputs == ["url": "https://x.test/42"])
        #expect(call.attempts.map(\.at) == [.zero, .seconds(30)])
        #expect(call.attempts.map(\.outcome) == ["failed: timeout, retried after 30s", "succeeded"])
        #expect(report.steps.map(\.name) == ["Call", "Route", "Done"])
        #expect(report.steps[1].branch == "ok")
        #expect(report.steps[1].mock == nil)
        #expect(report.stepsNotRun == ["Odd", "Recover"])
        #expect(
            report.edgesNotTaken == [
                .init(from: "Call", to: "Recover", branch: nil), .init(from: "Route", to: "Odd", branch: "default"),
            ])
        #expect(report.warnings.isEmpty)
        #expect(report.text.contains("Route -[default]-> Odd"))
    }

    @Test func anUnresolvableConnectionFailsOnlyTheStepThatNeedsIt() async throws {
        // "Call" needs connection L, whose header names a variable that is not set; "Free" needs none. The
        // instance starts, "Free" runs, "Call" fails naming itself and the variable.
        let spec = WorkflowSpec(
            connectionEnvs: [ConnectionEnv(connections: [Connection(connectionId: "c-1", label: "L")])],
            steps: [
                Step(name: "Call", actionId: CoreActionID.noop, connectionLabel: "L"),
                Step(name: "Free", actionId: CoreActionID.noop),
            ],
            triggers: [Trigger(kind: .workflow, startStepNames: ["Free", "Call"])])
        let plan = try ExecutionPlan(spec: spec)
        let catalog = try ConnectionCatalog(json: [
            "connections": ["c-1": ["baseUrl": "https://a.test", "headers": ["X-Key": "${NOT_SET_ANYWHERE}"]]]
        ])
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: .core(), connections: ConnectionResolver(catalog: catalog, environment: [:]),
            store: store, logger: Logger(label: "test"))
        async let running: Void = executor.run()
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        _ = await executor.wait(for: id)
        await executor.shutdown()
        await running
        let summary = try #require(try await store.instance(id: id))
        #expect(summary.status == .stepError)
        let call = try #require(summary.steps.first { $0.name == "Call" })
        #expect(call.error?.code == "MISSING_VARIABLE")
        #expect(call.error?.message.contains("step \"Call\"") == true)
        #expect(call.error?.message.contains("NOT_SET_ANYWHERE") == true)
        #expect(summary.steps.first { $0.name == "Free" }?.state == .succeeded)
    }
}
