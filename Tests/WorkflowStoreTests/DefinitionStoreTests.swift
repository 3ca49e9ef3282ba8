import Foundation
import Testing
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

enum DefinitionFixture {
    static let created = Date(timeIntervalSinceReferenceDate: 790_000_000.5)

    static func workflow(_ id: String, name: String, created: Date = created) -> Workflow {
        let spec = SpecBuilder.chain(1)
        return Workflow(
            id: id, name: name, description: "about \(name)", published: false, tags: ["team:a", "env:prod"],
            webhookSecret: "s3cret", spec: spec,
            submittedSpec: ["steps": [["name": "S0", "actionId": "com.datadoghq.core.noop"]], "extra": 1.5],
            createdAt: created, updatedAt: created)
    }
}

/// One suite for every ``DefinitionStore``.
@Suite("Definition store", .dropsPostgresSchemas)
struct DefinitionStoreTests {
    typealias F = DefinitionFixture

    @Test("create then get returns the workflow exactly, as version 1", arguments: StoreKind.available)
    func createAndGet(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let workflow = F.workflow("wf-1", name: "Deploy")
        let created = try await fixture.definitions.create(workflow)
        #expect(created.version == 1)
        let stored = try #require(try await fixture.definitions.workflow(id: "wf-1"))
        #expect(stored == StoredWorkflow(workflow: workflow, version: 1))
        #expect(stored.workflow.submittedSpec["extra"] == 1.5)
        #expect(stored.workflow.webhookSecret == "s3cret")
        #expect(try await fixture.definitions.workflow(id: "nope") == nil)
        do {
            _ = try await fixture.definitions.create(F.workflow("wf-1", name: "Again"))
            Issue.record("second create succeeded")
        } catch {
            #expect(error.code == .duplicate)
        }
    }

    @Test("updates keep createdAt; a new spec is a new version and old versions stay", arguments: StoreKind.available)
    func updateAndVersions(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let original = F.workflow("wf-1", name: "Deploy")
        _ = try await fixture.definitions.create(original)

        var renamed = original
        renamed.name = "Deploy v2"
        renamed.tags = []
        renamed.createdAt = Date(timeIntervalSinceReferenceDate: 0)
        renamed.updatedAt = F.created.addingTimeInterval(60)
        let afterRename = try await fixture.definitions.update(renamed)
        #expect(afterRename.version == 1)
        #expect(afterRename.workflow.createdAt == F.created)
        #expect(afterRename.workflow.name == "Deploy v2")

        var respecced = afterRename.workflow
        respecced.spec = SpecBuilder.chain(2)
        respecced.submittedSpec = try JSONValue.encoding(respecced.spec)
        respecced.updatedAt = F.created.addingTimeInterval(120)
        let afterSpec = try await fixture.definitions.update(respecced)
        #expect(afterSpec.version == 2)
        #expect(try await fixture.definitions.workflow(id: "wf-1") == afterSpec)
        #expect(try await fixture.definitions.workflow(id: "wf-1")?.workflow.tags == [])

        let first = try #require(try await fixture.definitions.version(1, of: "wf-1"))
        #expect(first.spec == SpecBuilder.chain(1))
        #expect(first.submittedSpec == original.submittedSpec)
        #expect(try await fixture.definitions.version(2, of: "wf-1")?.spec == SpecBuilder.chain(2))
        #expect(try await fixture.definitions.version(3, of: "wf-1") == nil)

        do {
            _ = try await fixture.definitions.update(F.workflow("nope", name: "x"))
            Issue.record("update of an unknown workflow succeeded")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test("delete: gone, second delete notFound, versions stay, the id can be reused", arguments: StoreKind.available)
    func delete(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        _ = try await fixture.definitions.create(F.workflow("wf-1", name: "Deploy"))
        try await fixture.definitions.delete(id: "wf-1")
        #expect(try await fixture.definitions.workflow(id: "wf-1") == nil)
        do {
            try await fixture.definitions.delete(id: "wf-1")
            Issue.record("second delete succeeded")
        } catch {
            #expect(error.code == .notFound)
        }
        #expect(try await fixture.definitions.version(1, of: "wf-1")?.workflowId == "wf-1")
        #expect(try await fixture.definitions.list(DefinitionQuery()).totalCount == 0)
        let again = try await fixture.definitions.create(F.workflow("wf-1", name: "Deploy again"))
        #expect(again.version == 2)
    }

    @Test("list filters by name (case-insensitive), sorts and pages", arguments: StoreKind.available)
    func list(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let names = ["Deploy api", "backup db", "Deploy web", "Restart", "deploy worker"]
        for (index, name) in names.enumerated() {
            _ = try await fixture.definitions.create(
                F.workflow("wf-\(index)", name: name, created: F.created.addingTimeInterval(Double(index))))
        }
        let newest = try await fixture.definitions.list(DefinitionQuery(pageSize: 2))
        #expect(newest.workflows.map(\.workflow.id) == ["wf-4", "wf-3"])
        #expect(newest.totalCount == 5)

        let deploys = try await fixture.definitions.list(
            DefinitionQuery(nameContains: "DEPLOY", sort: .init(field: .name, descending: false), pageSize: 10))
        #expect(deploys.workflows.map(\.workflow.name) == ["Deploy api", "Deploy web", "deploy worker"])
        #expect(deploys.totalCount == 3)

        let secondPage = try await fixture.definitions.list(
            DefinitionQuery(
                nameContains: "deploy", sort: .init(field: .name, descending: true), pageNumber: 1, pageSize: 2))
        #expect(secondPage.workflows.map(\.workflow.name) == ["Deploy api"])
        #expect(secondPage.totalCount == 3)

        let oldest = try await fixture.definitions.list(
            DefinitionQuery(sort: .init(field: .updatedAt, descending: false), pageSize: 1))
        #expect(oldest.workflows.map(\.workflow.id) == ["wf-0"])
        #expect(try await fixture.definitions.list(DefinitionQuery(nameContains: "zzz")).workflows.isEmpty)
    }
}
