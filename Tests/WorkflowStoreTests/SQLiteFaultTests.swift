import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// Faults a real file meets: a full disk, a lock held by another process, a file that is not a database. Each is
/// a clear error with its own code, and nothing already stored is lost or damaged.
@Suite("SQLite faults")
struct SQLiteFaultTests {
    @Test("a full disk refuses the write that does not fit and keeps everything before it")
    func fullDisk() async throws {
        let fixture = try await StoreFixture(.memory)
        let store = try SQLiteStore(path: fixture.path, options: .init(extraPages: 8))
        try await store.create(Sample.summary("i-1"))
        var written: [JournalEntry] = []
        var failure: StoreError?
        while failure == nil, written.count < 200_000 {
            let batch = Sample.chain(steps: 50, from: written.count)
            do {
                try await store.append(instance: "i-1", batch)
                written += batch
            } catch {
                failure = error
            }
        }
        let error = try #require(failure)
        #expect(error.code == .full)
        #expect(error.message.contains("full"))
        #expect(!written.isEmpty)
        // What was committed before reads back whole; the failed batch left nothing behind.
        #expect(try await store.journal(instance: "i-1") == written)
        var expected = Sample.summary("i-1")
        for entry in written { expected.apply(entry) }
        #expect(try await store.instance(id: "i-1") == expected)
        // A reopened file (no cap) is intact and writable again.
        let reopened = try SQLiteStore(path: fixture.path)
        #expect(try await reopened.journal(instance: "i-1") == written)
        try await reopened.create(Sample.summary("i-2"))
        #expect(try await reopened.list(InstanceQuery()).totalCount == 2)
    }

    @Test("a database locked by another process is a BUSY error; once released, nothing was lost")
    func lockedByAnotherProcess() async throws {
        let fixture = try await StoreFixture(.memory)
        let store = try SQLiteStore(path: fixture.path, options: .init(busyTimeout: .milliseconds(200)))
        try await store.create(Sample.summary("i-1"))
        let holder = ChildProcess()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE');"
                + " print('locked', flush=True); sys.stdin.read()",
            fixture.path,
        ]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        guard (try? holder.run()) != nil else {
            Issue.record("python3 is needed to hold a lock from another process")
            return
        }
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).contains("locked"))
        do {
            try await store.create(Sample.summary("i-2"))
            Issue.record("expected the write to be refused while the lock is held")
        } catch {
            #expect(error.code == .busy)
            #expect(error.message.contains("locked"))
        }
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        try await store.create(Sample.summary("i-2"))
        let page = try await store.list(InstanceQuery())
        #expect(page.instances.map(\.id) == ["i-2", "i-1"])
    }

    @Test("a file that is not a database is refused as CORRUPT and left untouched")
    func foreignFile() async throws {
        let fixture = try await StoreFixture(.memory)
        let text = Data(String(repeating: "not a database\n", count: 100).utf8)
        try text.write(to: URL(fileURLWithPath: fixture.path))
        do {
            _ = try SQLiteStore(path: fixture.path)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains(fixture.path))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == text)
    }
}
