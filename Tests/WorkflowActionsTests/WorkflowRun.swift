import Foundation
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Runs one workflow for real (executor, memory store, real HTTP) with the system actions, the repository's
/// `actions/` manifests and an optional connections catalog, and returns its summary.
enum WorkflowRun {
    /// The repository's `actions/` directory.
    static let actionsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("actions").path

    /// The system actions and every shipped manifest.
    static func registry() throws -> ActionRegistry {
        var registry = ActionRegistry.core(clock: ContinuousClock())
        registry.registerHTTP()
        registry.registerShell()
        try registry.registerManifests(try ActionManifest.load(directory: actionsDirectory))
        return registry
    }

    /// Runs `steps` (started at the first) with `connections` (the file's JSON), `environment` for `${VAR}`.
    static func run(
        _ steps: [Step], connections: JSONValue? = nil, environment: [String: String] = [:],
        connectionEnvs: [ConnectionEnv]? = nil, store: (any InstanceStore)? = nil,
        logger: Logger = Logger(label: "test")
    ) async throws -> InstanceSummary {
        let registry = try registry()
        var resolver = try connections.map {
            ConnectionResolver(catalog: try ConnectionCatalog(json: $0), environment: environment)
        }
        resolver?.defaultConnections = registry.manifestDefaultConnections
        let labels = Set(steps.compactMap(\.connectionLabel)).sorted()
        let envs =
            connectionEnvs
            ?? (labels.isEmpty
                ? nil : [ConnectionEnv(connections: labels.map { Connection(connectionId: $0, label: $0) })])
        let spec = WorkflowSpec(
            connectionEnvs: envs, steps: steps,
            triggers: [Trigger(kind: .workflow, startStepNames: [steps.first?.name ?? ""])])
        let store = store ?? MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: registry, connections: resolver, store: store, logger: logger)
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf-test", workflowName: "Test")
        async let running: Void = executor.run()
        do {
            let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
            _ = await executor.wait(for: id)
            await executor.shutdown()
            await running
            return try #require(try await store.instance(id: id))
        } catch {
            await executor.shutdown()
            await running
            throw error
        }
    }

    /// A step of `action` with `parameters`, followed by `next`.
    static func step(
        _ name: String, _ action: String, _ parameters: [String: JSONValue], next: String? = nil,
        connection: String? = nil
    ) -> Step {
        Step(
            name: name, actionId: action,
            parameters: parameters.sorted { $0.key < $1.key }.map { Parameter(name: $0.key, value: $0.value) },
            outboundEdges: next.map { [OutboundEdge(nextStepName: $0, branchName: "main")] },
            connectionLabel: connection)
    }
}

extension InstanceSummary {
    /// The summary of step `name`.
    func step(_ name: String) -> StepSummary? { steps.first { $0.name == name } }
}

extension WorkflowRun {
    /// Dry-runs the workflow document at `url` with no mocks: every outside action is mocked, with the documented
    /// output shapes of the shipped manifests.
    static func dryRun(_ url: URL) async throws -> (InstanceSummary, DryRunRecorder) {
        let document = WorkflowDocument(json: try JSONValue.parse(Data(contentsOf: url)))
        let spec = try #require(document.report.validated?.spec, "\(url.lastPathComponent) does not validate")
        let recorder = DryRunRecorder()
        let registry = ActionRegistry.dryRun(
            steps: (spec.steps ?? []).map { (name: $0.name, actionId: $0.actionId) }, book: MockBook(),
            recorder: recorder, clock: VirtualClock(), available: try registry())
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(registry: registry, store: store, logger: Logger(label: "test"))
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf-dry", workflowName: url.lastPathComponent)
        async let running: Void = executor.run()
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        _ = await executor.wait(for: id)
        await executor.shutdown()
        await running
        return (try #require(try await store.instance(id: id)), recorder)
    }
}
