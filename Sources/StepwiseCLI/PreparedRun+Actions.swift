import Foundation
import WorkflowActions
import WorkflowModel
import WorkflowRuntime
import WorkflowScript

extension PreparedRun {
    /// What decides the actions of a run.
    struct ActionSetup {
        var registry: ActionRegistry
        var connections: ConnectionResolver?
        /// Set for dry runs.
        var recorder: DryRunRecorder?
    }

    /// The registry of a run: core, HTTP, shell and manifests (``ManifestSearchPath``), each step's
    /// parameters checked against its manifest; for a dry run, everything but the core actions mocked.
    /// - Throws: ``Refusal`` for a bad manifest, mock or connections file, a parameter the manifest refuses,
    ///   or an action not available here (real runs).
    static func actions(
        for spec: WorkflowSpec, workflowFile: String, options: ActionOptions, clock: any Clock<Duration>
    ) throws -> ActionSetup {
        let registry: ActionRegistry
        do {
            registry = try CompositionRoot.registry(
                clock: clock,
                manifests: ManifestSearchPath(explicit: options.actionDirectories, workflowFile: workflowFile))
        } catch {
            throw Refusal(description: "\(error)")
        }
        let problems = (spec.steps ?? []).flatMap { step in
            (registry.manifest(for: step.actionId)?.problems(with: step.parameters ?? []) ?? []).map {
                "step \"\(step.name)\": \($0)"
            }
        }
        guard problems.isEmpty else { throw Refusal(description: problems.joined(separator: "\n")) }
        var catalog = try options.connectionsFile.map { path in
            do {
                return try ConnectionCatalog(json: try StructuredFile.load(path))
            } catch let error as ConnectionError {
                throw Refusal(description: "connections file \(path): \(error)")
            }
        }
        if let directory = options.credentialsDirectory {
            var merged = catalog ?? ConnectionCatalog()
            do {
                try merged.addCredentialFiles(directory: directory)
            } catch {
                throw Refusal(description: "\(error)")
            }
            catalog = merged
        }
        if options.dryRun {
            return try dryRunActions(for: spec, options: options, clock: clock, available: registry)
        }
        do {
            try Launcher.checkActions(of: spec, in: registry)
        } catch {
            let lines = error.unavailable.map {
                ActionRegistry.unavailableMessage(step: $0.step, actionId: $0.actionId)
            }
            throw Refusal(description: lines.joined(separator: "\n"))
        }
        // Connections resolve per step: one the file lacks fails its step when it runs (docs/connections.md).
        var resolver = catalog.map { ConnectionResolver(catalog: $0, environment: ProcessInfo.processInfo.environment) }
        resolver?.defaultConnections = registry.manifestDefaultConnections
        return ActionSetup(registry: registry, connections: resolver, recorder: nil)
    }

    private static func dryRunActions(
        for spec: WorkflowSpec, options: ActionOptions, clock: any Clock<Duration>, available: ActionRegistry
    ) throws -> ActionSetup {
        var book = MockBook()
        if let path = options.mocksFile {
            do {
                book = try MockBook(json: try StructuredFile.load(path))
            } catch let error as MockError {
                throw Refusal(description: "mocks file \(path): \(error)")
            }
        }
        let recorder = DryRunRecorder()
        let steps = (spec.steps ?? []).map { (name: $0.name, actionId: $0.actionId) }
        let names = Set(steps.map(\.name))
        for name in book.steps.keys.sorted() where !names.contains(name) {
            recorder.warn("the mocks name step \"\(name)\", which the workflow does not have")
        }
        var registry = ActionRegistry.dryRun(
            steps: steps, book: book, recorder: recorder, clock: clock, available: available)
        // JavaScript is logic, like the core actions: it runs for real in a dry run, unless the mocks name the
        // step or the action id.
        registry.registerDataTransformation(engine: CompositionRoot.javaScript)
        registry.preferringMocks(
            for: ActionRegistry.DataTransformationActionID.all, book: book, recorder: recorder)
        return ActionSetup(registry: registry, connections: nil, recorder: recorder)
    }
}
