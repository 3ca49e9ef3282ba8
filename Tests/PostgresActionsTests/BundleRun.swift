import Foundation
import PostgresActions
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// Whole workflow runs with the core actions and the PostgreSQL bundle, connections from the fixture's folder.
enum BundleRun {
    /// Runs `spec` with `inputs`.
    static func run(
        _ spec: WorkflowSpec, inputs: [String: JSONValue] = [:], credentials directory: URL,
        settings: PostgresActionSettings = PostgresActionSettings()
    ) async throws -> InstanceSummary {
        var registry = ActionRegistry.core(clock: ContinuousClock())
        registry.registerPostgreSQL(settings)
        return try await BundleWorkflow.run(spec, registry: registry, inputs: inputs, credentials: directory)
    }

    /// The spec of `samples/bundles/<name>`.
    static func sample(_ name: String) throws -> WorkflowSpec {
        try BundleWorkflow.spec(at: BundleWorkflow.samples.appendingPathComponent(name))
    }

    /// A chain of steps on the PostgreSQL connection.
    static func chain(_ steps: [(name: String, action: String, parameters: [String: JSONValue])]) -> WorkflowSpec {
        BundleWorkflow.chain(steps, label: PostgresFixture.label)
    }
}
