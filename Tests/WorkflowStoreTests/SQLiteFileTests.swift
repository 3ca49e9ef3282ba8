import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// What only a file can do: survive a reopen, and carry its schema version.
@Suite("SQLite file")
struct SQLiteFileTests {
    @Test("reopening the file keeps instances, journals, definitions and versions")
    func reopenKeepsEverything() async throws {
        let fixture = try await StoreFixture(.sqlite)
        let finished = Sample.chain(steps: 2) + [Sample.finished(.stepError, sequence: 4)]
        let running = Sample.chain(steps: 40)  // past a snapshot: the reopened store folds snapshot + tail
        var workflow = DefinitionFixture.workflow("wf-1", name: "Nightly")
        var expectedFinished = Sample.summary("done")
        var expectedRunning = Sample.summary("running")
        do {
            let store = try SQLiteStore(path: fixture.path)
            try await store.create(Sample.summary("done"))
            try await store.append(instance: "done", finished)
            try await store.create(Sample.summary("running"))
            try await store.append(instance: "running", Array(running[0..<70]))
            _ = try await store.create(workflow)
            workflow.spec = SpecBuilder.chain(3)
            workflow.submittedSpec = try JSONValue.encoding(workflow.spec)
            _ = try await store.update(workflow)
        }
        for entry in finished { expectedFinished.apply(entry) }
        for entry in running { expectedRunning.apply(entry) }

        let reopened = try SQLiteStore(path: fixture.path)
        #expect(try await reopened.instance(id: "done") == expectedFinished)
        #expect(try await reopened.journal(instance: "done") == finished)
        // The running instance carries on after the reopen, as crash recovery will do.
        #expect(try await reopened.unfinished().map(\.id) == ["running"])
        try await reopened.append(instance: "running", Array(running[70...]))
        #expect(try await reopened.instance(id: "running") == expectedRunning)
        #expect(try await reopened.journal(instance: "running") == running)
        let page = try await reopened.list(InstanceQuery())
        #expect(page.instances.map(\.id) == ["running", "done"])
        #expect(page.failedCount == 1)

        let stored = try #require(try await reopened.workflow(id: "wf-1"))
        #expect(stored.version == 2)
        #expect(stored.workflow == workflow)
        #expect(try await reopened.version(1, of: "wf-1")?.spec == SpecBuilder.chain(1))
    }

    @Test("migrations run once: a new file gets every version, a reopen applies none again")
    func migrationsRunOnce() async throws {
        let fixture = try await StoreFixture(.sqlite)
        let first = try SQLiteStore(path: fixture.path)
        let applied = try await first.appliedMigrations()
        #expect(applied.map(\.version) == [1, 2, 3, 4, 5])
        #expect(try await first.schemaVersion() == 5)
        let reopened = try SQLiteStore(path: fixture.path)
        #expect(try await reopened.appliedMigrations().map(\.version) == [1, 2, 3, 4, 5])
        #expect(try await reopened.schemaVersion() == 5)
    }

    @Test("a file from a newer schema is refused with corrupt")
    func newerSchemaRefused() async throws {
        let fixture = try await StoreFixture(.sqlite)
        try await SQLiteStore(path: fixture.path).setSchemaVersionForTesting(99)
        do {
            _ = try SQLiteStore(path: fixture.path)
            Issue.record("opened a file of schema 99")
        } catch {
            #expect(error.code == .corrupt)
        }
    }

    @Test("a path that cannot be a database fails with io")
    func unopenable() async throws {
        let fixture = try await StoreFixture(.memory)
        do {
            _ = try SQLiteStore(path: fixture.directory.appendingPathComponent("missing/dir/x.db").path)
            Issue.record("opened a file in a missing directory")
        } catch {
            #expect(error.code == .io)
        }
    }
}
