import ArgumentParser
import Foundation
import WorkflowModel
import WorkflowStore

extension Stepwise.Workflows {
    /// `stepwise workflows create FILE [--id ID]`: stores a workflow file, as `POST /api/v2/workflows` does, so
    /// `triggerWorkflow` steps of other runs can start it by id.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a workflow file in the database and print its id.",
            discussion: """
                FILE is a bare spec, a create/update request body or a GET-workflow response, in JSON or YAML. \
                With --id, the workflow gets that id (the one a parent's triggerWorkflow step names, for example \
                the id it has in Datadog); when a workflow with that id exists, its spec becomes a new version. \
                Exit status 2 when the file is invalid.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: "The workflow file.")
        var file: String

        @Option(help: "The workflow's id (default: a new UUID).")
        var id: String?

        func validate() throws {
            if let id, id.isEmpty || id.contains(where: \.isWhitespace) {
                throw ValidationError("--id must be a non-empty id without spaces")
            }
        }

        func run() async throws {
            let document: WorkflowDocument
            do {
                document = try DocumentFile(path: file).load()
            } catch {
                error.report()
                throw ExitCode(2)
            }
            guard document.isValid, let validated = document.report.validated else {
                let lines = document.report.errors.map { "\(file):\($0.pointer): \($0.detail)" }
                FileHandle.standardError.writeToConsole(
                    Data(("invalid workflow\n" + lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(2)
            }
            let database = try await store.open()
            let now = Date()
            let workflowId = id ?? UUID().uuidString.lowercased()
            var workflow = Workflow(
                id: workflowId,
                name: document.name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                description: document.description ?? "", published: document.published ?? true,
                tags: document.tags ?? [], spec: validated.spec, submittedSpec: document.submittedSpec, createdAt: now,
                updatedAt: now)
            if let existing = try await database.workflow(id: workflowId) {
                workflow.createdAt = existing.workflow.createdAt
                let stored = try await database.update(workflow)
                print("\(workflowId)  v\(stored.version)  updated  \(workflow.name)")
            } else {
                let stored = try await database.create(workflow)
                print("\(workflowId)  v\(stored.version)  created  \(workflow.name)")
            }
        }
    }
}
