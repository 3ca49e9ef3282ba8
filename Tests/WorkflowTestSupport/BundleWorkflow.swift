import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Runs whole workflows for the action bundles' tests: an executor over a memory store with the given registry and
/// the connections of a folder of runner credential files (as `stepwise run --credentials DIR` reads them).
public enum BundleWorkflow {
    /// Runs `spec` with `inputs` and returns its summary.
    public static func run(
        _ spec: WorkflowSpec, registry: ActionRegistry, inputs: [String: JSONValue] = [:], credentials directory: URL
    ) async throws -> InstanceSummary {
        var catalog = ConnectionCatalog()
        try catalog.addCredentialFiles(directory: directory.path)
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: registry, connections: ConnectionResolver(catalog: catalog, environment: [:]), store: store,
            logger: Logger(label: "test"))
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf-bundle", workflowName: "Bundle")
        async let running: Void = executor.run()
        do {
            let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow, inputs: inputs))
            _ = await executor.wait(for: id)
            await executor.shutdown()
            await running
            guard let summary = try await store.instance(id: id) else { throw BundleWorkflowError.noSummary }
            return summary
        } catch {
            await executor.shutdown()
            await running
            throw error
        }
    }

    /// The spec of the workflow file at `url`.
    public static func spec(at url: URL) throws -> WorkflowSpec {
        let document = WorkflowDocument(json: try JSONValue.parse(Data(contentsOf: url)))
        guard let spec = document.report.validated?.spec else {
            throw BundleWorkflowError.invalid(url.lastPathComponent)
        }
        return spec
    }

    /// A chain of steps on connection `label`, started at the first.
    public static func chain(
        _ steps: [(name: String, action: String, parameters: [String: JSONValue])], label: String?
    ) -> WorkflowSpec {
        let built = steps.enumerated().map { index, step in
            Step(
                name: step.name, actionId: step.action,
                parameters: step.parameters.sorted { $0.key < $1.key }.map { Parameter(name: $0.key, value: $0.value) },
                outboundEdges: index + 1 < steps.count
                    ? [OutboundEdge(nextStepName: steps[index + 1].name, branchName: "main")] : nil,
                connectionLabel: label)
        }
        return WorkflowSpec(
            steps: built, triggers: [Trigger(kind: .workflow, startStepNames: [steps.first?.name ?? ""])])
    }

    /// Writes a Token Auth runner credential file `<label>.json` with `tokens` into `directory`.
    public static func writeCredentials(_ tokens: [String: String], label: String, in directory: URL) throws {
        let file: JSONValue = [
            "auth_type": "Token Auth",
            "credentials": .array(
                tokens.sorted { $0.key < $1.key }.map {
                    ["tokenName": .string($0.key), "tokenValue": .string($0.value)]
                }
            ),
        ]
        try file.compactJSON.write(
            to: directory.appendingPathComponent(label + ".json"), atomically: true, encoding: .utf8)
    }

    /// The repository's `samples/bundles/` folder.
    public static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/bundles")
}

/// Why a bundle workflow could not run.
public enum BundleWorkflowError: Error {
    case noSummary
    case invalid(String)
}

extension InstanceSummary {
    /// The summary of step `name`.
    public func stepSummary(_ name: String) -> StepSummary? { steps.first { $0.name == name } }
}
