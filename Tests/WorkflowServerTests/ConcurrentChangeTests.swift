import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WorkflowActions
import WorkflowModel
import WorkflowServer
import WorkflowStore

/// Requests racing on one workflow: a change that finds its workflow deleted in the meantime is a 404, as if it
/// had come a moment later, never a 500.
@Suite("Concurrent changes through the API")
struct ConcurrentChangeTests {
    /// A definition store where every update finds its workflow deleted between the request's read and its write
    /// (as when a `DELETE` lands in between).
    final class DeletedBeforeUpdate: DefinitionStore {
        let base = MemoryDefinitionStore()
        func create(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
            try await base.create(workflow)
        }
        func workflow(id: String) async throws(StoreError) -> StoredWorkflow? { try await base.workflow(id: id) }
        func update(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
            try await base.delete(id: workflow.id)
            return try await base.update(workflow)
        }
        func delete(id: String) async throws(StoreError) { try await base.delete(id: id) }
        func version(_ version: Int, of workflowId: String) async throws(StoreError) -> WorkflowVersion? {
            try await base.version(version, of: workflowId)
        }
        func list(_ query: DefinitionQuery) async throws(StoreError) -> DefinitionPage { try await base.list(query) }
    }

    @Test("a PATCH whose workflow is deleted before it writes answers 404 NOT_FOUND")
    func patchAfterDelete() async throws {
        var logger = Logger(label: "stepwise.server.test")
        logger.logLevel = .critical
        let environment = ServerEnvironment(
            definitions: DeletedBeforeUpdate(), instances: MemoryInstanceStore(), registry: .core(),
            configuration: ServerConfiguration(), logger: logger)
        let app = try buildApplication(environment)
        try await app.test(.router) { client in
            let api = APIClient(client: client, environment: environment)
            let id = try await api.createWorkflow(spec: Specs.apiNoop)
            let reply = try await api.send(
                .patch, "/api/v2/workflows/\(id)",
                json: ["data": ["type": "workflows", "attributes": ["name": "renamed"]]])
            #expect(reply.status == 404, "\(reply.text)")
            #expect(reply.text.contains("workflow not found"))
        }
    }
}
