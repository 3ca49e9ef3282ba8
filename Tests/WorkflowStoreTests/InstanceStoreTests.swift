import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// One suite for every ``InstanceStore``: the memory store and the SQLite store must behave the same.
@Suite("Instance store", .dropsPostgresSchemas)
struct InstanceStoreTests {
    @Test("create then get returns the summary as created", arguments: StoreKind.available)
    func createAndGet(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let summary = Sample.summary("i-1", version: 3)
        try await fixture.instances.create(summary)
        let stored = try await fixture.instances.instance(id: "i-1")
        #expect(stored == summary)
        #expect(stored?.workflowVersion == 3)
        #expect(stored?.status == .inProgress)
    }

    @Test("appends fold into the summary and the journal keeps their order", arguments: StoreKind.available)
    func appendFoldsAndKeepsOrder(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        try await fixture.instances.create(Sample.summary("i-1"))
        let entries = Sample.chain(steps: 3) + [Sample.finished(.succeeded, sequence: 6)]
        try await fixture.instances.append(instance: "i-1", Array(entries[0..<1]))
        try await fixture.instances.append(instance: "i-1", Array(entries[1..<5]))
        try await fixture.instances.append(instance: "i-1", Array(entries[5...]))
        var expected = Sample.summary("i-1")
        for entry in entries { expected.apply(entry) }
        let stored = try #require(try await fixture.instances.instance(id: "i-1"))
        #expect(stored == expected)
        #expect(stored.status == .succeeded)
        #expect(stored.steps.map(\.name) == ["S0", "S1", "S2"])
        #expect(stored.step(named: "S1")?.outputs == ["o": "x"])
        #expect(try await fixture.instances.journal(instance: "i-1") == entries)
    }

    @Test("a long journal reads back the same as its fold (snapshot plus tail)", arguments: StoreKind.available)
    func longJournal(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        try await fixture.instances.create(Sample.summary("i-1"))
        let entries = Sample.chain(steps: 90)
        for start in stride(from: 0, to: entries.count, by: 7) {
            try await fixture.instances.append(
                instance: "i-1", Array(entries[start..<min(start + 7, entries.count)]))
        }
        var expected = Sample.summary("i-1")
        for entry in entries { expected.apply(entry) }
        #expect(try await fixture.instances.instance(id: "i-1") == expected)
        #expect(try await fixture.instances.unfinished() == [expected])
        #expect(try await fixture.instances.journal(instance: "i-1").map(\.sequence) == Array(0..<180))
    }

    @Test("creating an existing id fails with duplicate", arguments: StoreKind.available)
    func duplicateId(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        try await fixture.instances.create(Sample.summary("i-1"))
        await #expect(throws: StoreError.self) { try await fixture.instances.create(Sample.summary("i-1")) }
        do {
            try await fixture.instances.create(Sample.summary("i-1", workflow: "other"))
            Issue.record("second create succeeded")
        } catch {
            #expect(error.code == .duplicate)
        }
        #expect(try await fixture.instances.instance(id: "i-1")?.workflowId == "wf-1")
    }

    @Test("unknown instances: get is nil, journal empty, append fails with notFound", arguments: StoreKind.available)
    func notFound(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        #expect(try await fixture.instances.instance(id: "nope") == nil)
        #expect(try await fixture.instances.journal(instance: "nope").isEmpty)
        do {
            try await fixture.instances.append(instance: "nope", Sample.chain(steps: 1))
            Issue.record("append to an unknown instance succeeded")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test("list pages newest first, filters by workflow and counts over the filter", arguments: StoreKind.available)
    func listPagingFilterCounts(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let plan: [(String, String, InstanceStatus)] = [
            ("i-0", "wf-a", .succeeded), ("i-1", "wf-b", .stepError), ("i-2", "wf-a", .instanceError),
            ("i-3", "wf-a", .canceled), ("i-4", "wf-a", .inProgress), ("i-5", "wf-b", .succeeded),
            ("i-6", "wf-a", .succeeded),
        ]
        for (id, workflow, status) in plan {
            try await fixture.instances.create(Sample.summary(id, workflow: workflow))
            var entries = Sample.chain(steps: 1)
            if status != .inProgress { entries.append(Sample.finished(status, sequence: 2)) }
            try await fixture.instances.append(instance: id, entries)
        }

        let all = try await fixture.instances.list(InstanceQuery(pageNumber: 0, pageSize: 3))
        #expect(all.instances.map(\.id) == ["i-6", "i-5", "i-4"])
        #expect(all.totalCount == 7)
        #expect(all.succeededCount == 3)
        #expect(all.failedCount == 2)
        #expect(all.canceledCount == 1)

        let second = try await fixture.instances.list(InstanceQuery(workflowId: "wf-a", pageNumber: 1, pageSize: 2))
        #expect(second.instances.map(\.id) == ["i-3", "i-2"])
        #expect(second.instances.map(\.status) == [.canceled, .instanceError])
        #expect(second.totalCount == 5)
        #expect(second.succeededCount == 2)
        #expect(second.failedCount == 1)
        #expect(second.canceledCount == 1)

        let last = try await fixture.instances.list(InstanceQuery(workflowId: "wf-a", pageNumber: 2, pageSize: 2))
        #expect(last.instances.map(\.id) == ["i-0"])
        let beyond = try await fixture.instances.list(InstanceQuery(workflowId: "wf-b", pageNumber: 5, pageSize: 2))
        #expect(beyond.instances.isEmpty)
        #expect(beyond.totalCount == 2)
        let none = try await fixture.instances.list(InstanceQuery(workflowId: "wf-z"))
        #expect(none == InstancePage(instances: [], totalCount: 0, succeededCount: 0, failedCount: 0, canceledCount: 0))
        let inProgress = try #require(all.instances.first { $0.id == "i-4" })
        #expect(inProgress.step(named: "S0")?.state == .succeeded)
    }

    @Test("unfinished lists only IN_PROGRESS instances, oldest first", arguments: StoreKind.available)
    func unfinishedInstances(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        for id in ["i-0", "i-1", "i-2", "i-3"] { try await fixture.instances.create(Sample.summary(id)) }
        try await fixture.instances.append(instance: "i-1", [Sample.finished(.succeeded, sequence: 0)])
        try await fixture.instances.append(instance: "i-2", Sample.chain(steps: 2))
        try await fixture.instances.append(instance: "i-3", [Sample.finished(.canceled, sequence: 0)])
        let unfinished = try await fixture.instances.unfinished()
        #expect(unfinished.map(\.id) == ["i-0", "i-2"])
        #expect(unfinished.last?.steps.count == 2)
    }
}
