import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// `GET …/instances/{id}` reads an instance and its workflow in one store read from a store holding both.
@Suite("Instance with its workflow", .dropsPostgresSchemas)
struct InstanceWithWorkflowTests {
    @Test(
        "one read gives the workflow and the instance with its journal folded in; either absent is nil",
        arguments: [StoreKind.sqlite] + (TestPostgres.isConfigured ? [.postgres] : []))
    func combinedRead(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = try #require(fixture.instances as? any InstanceWithWorkflowReading)
        _ = try await fixture.definitions.create(DefinitionFixture.workflow("wf-1", name: "Deploy"))
        _ = try await fixture.definitions.create(DefinitionFixture.workflow("wf-2", name: "Other"))
        try await fixture.instances.create(Sample.summary("i-1", workflow: "wf-1"))
        try await fixture.instances.append(instance: "i-1", Sample.chain(steps: 2))

        let both = try await store.instance(id: "i-1", withWorkflow: "wf-1")
        #expect(both.workflow?.workflow.name == "Deploy")
        let instance = try #require(both.instance)
        #expect(instance == (try await fixture.instances.instance(id: "i-1")))
        #expect(instance.steps.count == 2)

        let otherWorkflow = try await store.instance(id: "i-1", withWorkflow: "wf-2")
        #expect(otherWorkflow.workflow?.workflow.name == "Other")
        #expect(otherWorkflow.instance?.workflowId == "wf-1")
        let noInstance = try await store.instance(id: "i-9", withWorkflow: "wf-1")
        #expect(noInstance.workflow != nil && noInstance.instance == nil)
        let noWorkflow = try await store.instance(id: "i-1", withWorkflow: "wf-9")
        #expect(noWorkflow.workflow == nil && noWorkflow.instance == nil)
    }
}
