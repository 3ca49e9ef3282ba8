import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Everything `stepwise run` checks before anything runs: the file, the trigger, the inputs, the actions
/// (manifests and their parameters, mocks, connections).
struct PreparedRun {
    /// Why a run is refused (exit status 2); a file that cannot be read or parsed is a ``FileProblem``.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    let file: String
    let name: String
    let description: String?
    let spec: WorkflowSpec
    let submittedSpec: JSONValue
    let graph: WorkflowGraph
    let trigger: TriggerKind
    let inputs: [String: JSONValue]
    let source: JSONValue
    let registry: ActionRegistry
    /// Resolves steps' connections (real runs with `--connections`).
    let connections: ConnectionResolver?
    /// Collects what mocks noticed (dry runs).
    let recorder: DryRunRecorder?

    init(
        file: String, inputArguments: [String], inputsFile: String?, trigger: String?, sourceFile: String?,
        actionOptions: ActionOptions, clock: any Clock<Duration>
    ) throws {
        let document = try DocumentFile(path: file).load()
        guard document.isValid, let validated = document.report.validated else {
            let lines = document.report.errors.map { "\(file):\($0.pointer): \($0.detail)" }
            throw Refusal(description: "invalid workflow\n" + lines.joined(separator: "\n"))
        }
        let spec = validated.spec
        let kind = try Self.trigger(named: trigger, in: spec)
        let payload = try Self.payload(arguments: inputArguments, file: inputsFile, schema: spec.inputSchema)
        let inputs: [String: JSONValue]
        do {
            inputs = try Launcher.inputs(payload, for: spec)
        } catch {
            throw Refusal(description: "invalid inputs: " + error.inputProblems.map(\.message).joined(separator: "; "))
        }
        let source: JSONValue
        if let sourceFile {
            source = try StructuredFile.load(sourceFile)
        } else if trigger != nil || actionOptions.dryRun {
            // A rehearsal, or a trigger named on purpose, reads the trigger's sample event; a plain real run
            // does not act on made-up data.
            source = Self.sampleSource(for: kind, in: spec)
        } else {
            source = .emptyObject
        }
        let setup = try Self.actions(for: spec, workflowFile: file, options: actionOptions, clock: clock)
        for warning in SourcePathWarnings.warnings(for: spec, source: source, inputs: inputs) {
            setup.recorder?.warn(warning)
        }
        self.file = file
        self.name = document.name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        self.description = document.description
        self.spec = spec
        self.submittedSpec = document.submittedSpec ?? .emptyObject
        self.graph = validated.graph
        self.trigger = kind
        self.inputs = inputs
        self.source = source
        self.registry = setup.registry
        self.connections = setup.connections
        self.recorder = setup.recorder
    }

    /// Records the workflow in `store` (a new version when the file changed) and describes the start of an
    /// instance pinned to that version.
    func launch(recordingIn store: any DefinitionStore) async throws -> Launch {
        let stored = try await LocalWorkflow.record(
            file: file, name: name, description: description, spec: spec, submittedSpec: submittedSpec, in: store)
        return Launch(.stored(stored), trigger: .kind(trigger), payload: inputs, source: source, sourceKind: "manual")
    }

    /// What `stepwise run` prints when the launcher refuses the start (the file's own checks passed before).
    func refusal(_ error: LaunchError) -> String {
        error.code == .invalidSpec ? "\(file):\(error)" : "\(error)"
    }

    /// The trigger to fire: the one named, else `workflowTrigger`, else `apiTrigger`, else the only one.
    static func trigger(named name: String?, in spec: WorkflowSpec) throws -> TriggerKind {
        do {
            return try Launcher.trigger(name.map { .named($0) } ?? .preferred, in: spec).kind
        } catch  where error.code == .ambiguousTrigger {
            throw Refusal(
                description: "the workflow has several triggers; choose one with --trigger ("
                    + error.triggers.map(\.sourceKind).joined(separator: ", ") + ")")
        } catch {
            let names = error.triggers.map(\.sourceKind).joined(separator: ", ")
            throw Refusal(description: "the workflow has no \(name ?? "") trigger (it has: \(names))")
        }
    }

    /// `--inputs FILE` first, then each `--input name=value` converted to its declared type.
    static func payload(arguments: [String], file: String?, schema: InputSchema?) throws -> [String: JSONValue] {
        var payload: [String: JSONValue] = [:]
        if let file {
            guard case .object(let members) = try StructuredFile.load(file) else {
                throw Refusal(description: "--inputs \(file): expected a JSON object of inputs")
            }
            payload = members
        }
        let declared = Dictionary(
            (schema?.parameters ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw Refusal(description: "--input \(argument): expected name=value")
            }
            let name = String(argument[..<equals])
            let text = String(argument[argument.index(after: equals)...])
            guard let type = declared[name]?.parameterType else {
                payload[name] = .string(text)  // refused with Datadog's message by resolve
                continue
            }
            do {
                payload[name] = try type.parse(text: text)
            } catch {
                throw Refusal(description: "--input \(name): \(error)")
            }
        }
        return payload
    }
}
