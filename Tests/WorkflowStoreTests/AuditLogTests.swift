import Foundation
import Testing
import WorkflowStore

/// The audit trail (docs/security.md): the memory log and the SQLite store record and list entries the same
/// way, newest first, and the SQLite one keeps them across a reopen.
@Suite("Audit log")
struct AuditLogTests {
    static func entry(_ index: Int, key: String? = "ops") -> AuditEntry {
        AuditEntry(
            time: Date(timeIntervalSinceReferenceDate: 800_000_000 + Double(index)), keyName: key, method: "POST",
            route: "/api/v2/workflows/wf-\(index)/instances", target: index.isMultiple(of: 2) ? "i-\(index)" : nil,
            status: 200 + index)
    }

    static func log(_ kind: StoreKind, _ fixture: StoreFixture) throws -> any AuditLog {
        switch kind {
        // A server on PostgreSQL keeps its trail in memory.
        case .memory, .postgres: MemoryAuditLog()
        case .sqlite: try SQLiteStore(path: fixture.path)
        }
    }

    @Test(
        "entries come back newest first, numbered in order, every field kept", arguments: [StoreKind.memory, .sqlite])
    func recordAndList(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(.memory)
        let log = try Self.log(kind, fixture)
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
