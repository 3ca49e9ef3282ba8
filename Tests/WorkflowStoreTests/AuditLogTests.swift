import Foundation
import Testing
import WorkflowStore

/// The audit trail (docs/security.md): the memory log, the SQLite store and the PostgreSQL store record, list and
/// prune entries the same way, newest first; the SQLite one keeps them across a reopen.
@Suite("Audit log", .dropsPostgresSchemas)
struct AuditLogTests {
    static func entry(_ index: Int, key: String? = "ops") -> AuditEntry {
        AuditEntry(
            time: Date(timeIntervalSinceReferenceDate: 800_000_000 + Double(index)), keyName: key, method: "POST",
            route: "/api/v2/workflows/wf-\(index)/instances", target: index.isMultiple(of: 2) ? "i-\(index)" : nil,
            status: 200 + index)
    }

    /// The audit log of `fixture`'s store (a memory log beside the memory stores).
    static func log(_ fixture: StoreFixture) throws -> any AuditLog {
        (fixture.instances as? any AuditLog) ?? MemoryAuditLog()
    }

    @Test("entries come back newest first, numbered in order, every field kept", arguments: StoreKind.available)
    func recordAndList(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let log = try Self.log(fixture)
        #expect(try await log.auditEntries(limit: 10).isEmpty)
        for index in 1...5 { try await log.record(Self.entry(index, key: index == 3 ? nil : "ops")) }
        let latest = try await log.auditEntries(limit: 3)
        #expect(latest.map(\.status) == [205, 204, 203])
        #expect(latest.map(\.sequence) == [5, 4, 3])
        var expected = Self.entry(4)
        expected.sequence = 4
        #expect(latest[1] == expected)
        #expect(latest[2].keyName == nil && latest[2].target == nil)
        #expect(try await log.auditEntries(limit: 100).count == 5)
        #expect(try await log.auditEntries(limit: 0).isEmpty)
    }

    @Test(
        "pruning removes entries older than the cutoff, then the oldest past the maximum",
        arguments: StoreKind.available)
    func prune(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let log = try Self.log(fixture)
        for index in 1...10 { try await log.record(Self.entry(index)) }
        #expect(try await log.pruneAudit(before: nil, keepingAtMost: nil) == 0)
        // Entries 1…3 are older than entry 4's time.
        #expect(try await log.pruneAudit(before: Self.entry(4).time, keepingAtMost: nil) == 3)
        #expect(try await log.auditEntries(limit: 100).map(\.status) == (4...10).reversed().map { 200 + $0 })
        #expect(try await log.pruneAudit(before: Self.entry(2).time, keepingAtMost: 5) == 2)
        #expect(try await log.auditEntries(limit: 100).map(\.status) == (6...10).reversed().map { 200 + $0 })
        #expect(try await log.pruneAudit(before: nil, keepingAtMost: 5) == 0)
        // Numbering goes on after a prune.
        try await log.record(Self.entry(11))
        #expect(try await log.auditEntries(limit: 1).first?.sequence == 11)
        #expect(try await log.pruneAudit(before: nil, keepingAtMost: 0) == 6)
        #expect(try await log.auditEntries(limit: 100).isEmpty)
    }

    @Test("the SQLite trail survives a reopen of the file")
    func durable() async throws {
        let fixture = try await StoreFixture(.memory)
        try await SQLiteStore(path: fixture.path).record(Self.entry(2))
        let reopened = try SQLiteStore(path: fixture.path)
        let entries = try await reopened.auditEntries(limit: 10)
        #expect(entries.map(\.target) == ["i-2"])
        #expect(entries.first?.time == Self.entry(2).time)
    }
}
