import Foundation
import WorkflowModel
import WorkflowStore

/// A workflow file run from the command line, recorded in the database so its instances can be listed and
/// resumed: the same file always maps to the same workflow id, and each change of its spec is a new version.
enum LocalWorkflow {
    /// Creates or updates the stored workflow for `file`; returns it with the version the run pins.
    static func record(
        file: String, name: String, description: String?, spec: WorkflowSpec, submittedSpec: JSONValue,
        in store: any DefinitionStore
    ) async throws(StoreError) -> StoredWorkflow {
        let id = StableID.uuid(for: URL(fileURLWithPath: file).standardizedFileURL.path)
        let now = Date()
        if var existing = try await store.workflow(id: id) {
            guard existing.workflow.submittedSpec != submittedSpec || existing.workflow.name != name else {
                return existing
            }
            existing.workflow.name = name
            existing.workflow.spec = spec
            existing.workflow.submittedSpec = submittedSpec
            existing.workflow.updatedAt = now
            return try await store.update(existing.workflow)
        }
        let workflow = Workflow(
            id: id, name: name, description: description ?? "", published: false, spec: spec,
            submittedSpec: submittedSpec, createdAt: now, updatedAt: now)
        do {
            return try await store.create(workflow)
        } catch  where error.code == .duplicate {
            // Another stepwise process recorded the same file a moment ago: use (or update) its record.
            return try await record(
                file: file, name: name, description: description, spec: spec, submittedSpec: submittedSpec, in: store)
        }
    }
}
