import Foundation
import GRDB
import Synchronization
import WorkflowEngine

extension SQLiteStore: InstanceStore {
    public func create(_ summary: InstanceSummary) async throws(StoreError) {
        let json = try StoreCoding.encodeSummary(summary)
        try await write { db in try Self.insert(summary, json: json, db) }
        live.created(summary)
    }

    /// The instance row and its lease in one write (a start pays one group-committed write, not two).
    public func createClaimed(
        _ summary: InstanceSummary, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        let json = try StoreCoding.encodeSummary(summary)
        let result = Mutex<InstanceLease?>(nil)
        let id = summary.id
        try await write { db in
            try Self.insert(summary, json: json, db)
            let lease = try Self.recordClaim(db, id, owner: owner, now: now, expiresAt: expiresAt)
            result.withLock { $0 = lease }
        }
        live.created(summary)
        guard let lease = result.withLock({ $0 }) else { throw StoreError(.io, "the claim of \(id) was not recorded") }
        return lease
    }

    private static func insert(_ summary: InstanceSummary, json: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO instances
                    (id, workflow_id, workflow_version, status, started_at, ended_at, summary, summary_through)
                VALUES (?, ?, ?, ?, ?, ?, ?, -1)
                """
        ).execute(arguments: [
            summary.id, summary.workflowId, summary.workflowVersion, summary.status.rawValue,
            summary.startedAt.timeIntervalSinceReferenceDate, summary.endedAt?.timeIntervalSinceReferenceDate,
            json,
        ])
        guard db.changesCount > 0 else { throw StoreError(.duplicate, "instance \(summary.id) exists") }
    }

    public func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError) {
        try await append(instance: id, entries, fence: nil)
    }

    public func append(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        try await append(instance: id, entries, fence: lease)
    }

    /// The run's last entries and the release of its lease in one write (one savepoint of a group commit).
    public func appendReleasing(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        guard !entries.isEmpty else {
            try await release(lease)
            return
        }
        try await append(instance: id, entries, fence: lease, releasing: true)
    }

    /// Appends `entries`; with a `fence`, only while that lease is the instance's current one, and then releases
    /// it when `releasing`.
    private func append(
        instance id: String, _ entries: [JournalEntry], fence: InstanceLease?, releasing: Bool = false
    ) async throws(StoreError) {
        guard !entries.isEmpty else {
            guard try await instance(id: id) != nil else { throw StoreError(.notFound, "no instance \(id)") }
            return
        }
        let rows = try EncodedEntries(entries, instance: id)
        let snapshot = try await live.fold(entries, into: id) { () async throws(StoreError) in try await loadLive(id) }
        do {
            try await write { db in
                guard
                    let seq = try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT seq FROM instances WHERE id = ?"), arguments: [id])
                else { throw StoreError(.notFound, "no instance \(id)") }
                if let fence { try Self.checkFence(db, fence) }
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO journal (instance_seq, sequence, time, event) VALUES (?, ?, ?, ?)")
                for index in rows.sequences.indices {
                    insert.setUncheckedArguments([seq, rows.sequences[index], rows.times[index], rows.events[index]])
                    try insert.execute()
                }
                if let snapshot {
                    try db.cachedStatement(
                        sql: """
                            UPDATE instances SET status = ?, ended_at = ?, summary = ?, summary_through = ?
                            WHERE seq = ?
                            """
                    ).execute(arguments: [snapshot.status, snapshot.endedAt, snapshot.summary, snapshot.through, seq])
                }
                if releasing, let fence { try Self.recordRelease(db, fence) }
            }
        } catch {
            // The cached fold is ahead of the file now: drop it, the next append folds from the file.
            live.drop(id)
            throw error
        }
    }

    private func loadLive(_ id: String) async throws(StoreError) -> LiveSummaries.Live? {
        try await read { db in
            guard let row = try Self.summaryRow(db, id: id) else { return nil }
            let summary = try Self.summary(db, row)
            let through = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT max(sequence) FROM journal WHERE instance_seq = ?"),
                arguments: [row.seq])
            return LiveSummaries.Live(summary: summary, snapshotThrough: row.through, through: through ?? -1)
        }
    }

    public func instance(id: String) async throws(StoreError) -> InstanceSummary? {
        try await read { db in
            guard let row = try Self.summaryRow(db, id: id) else { return nil }
            return try Self.summary(db, row)
        }
    }

    public func journal(instance id: String) async throws(StoreError) -> [JournalEntry] {
        try await read { db in
            guard let row = try Self.summaryRow(db, id: id) else { return [] }
            return try Self.entries(db, instanceSeq: row.seq, after: -1)
        }
    }

    public func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage {
        try await read { db in
            let size = max(query.pageSize, 0)
            let offset = max(query.pageNumber, 0) * size
            let filter = query.workflowId == nil ? "" : "WHERE workflow_id = ?"
            let filterArguments: StatementArguments = query.workflowId.map { [$0] } ?? []
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql:
                        "SELECT seq, summary, summary_through FROM instances \(filter) ORDER BY seq DESC LIMIT ? OFFSET ?"
                ), arguments: filterArguments + [size, offset])
            let instances = try rows.map { row in try Self.summary(db, Self.SummaryRow(row)) }
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT status, count(*) FROM instances \(filter) GROUP BY status"),
                arguments: filterArguments)
            {
                counts[try row.decode(String.self, atIndex: 0)] = try row.decode(Int.self, atIndex: 1)
            }
            func count(_ status: InstanceStatus) -> Int { counts[status.rawValue] ?? 0 }
            return InstancePage(
                instances: instances, totalCount: counts.values.reduce(0, +), succeededCount: count(.succeeded),
                failedCount: count(.stepError) + count(.instanceError), canceledCount: count(.canceled))
        }
    }

    public func unfinished() async throws(StoreError) -> [InstanceSummary] {
        try await read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT seq, summary, summary_through FROM instances WHERE status = ? ORDER BY seq"),
                arguments: [InstanceStatus.inProgress.rawValue]
            ).map { row in try Self.summary(db, Self.SummaryRow(row)) }
        }
    }

    /// `seq, summary, summary_through` of an instance row.
    struct SummaryRow {
        var seq: Int
        var json: String
        var through: Int

        init(_ row: Row) throws {
            seq = try row.decode(Int.self, atIndex: 0)
            json = try row.decode(String.self, atIndex: 1)
            through = try row.decode(Int.self, atIndex: 2)
        }
    }

    static func summaryRow(_ db: Database, id: String) throws -> SummaryRow? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, summary, summary_through FROM instances WHERE id = ?"),
            arguments: [id]
        ).map(SummaryRow.init)
    }

    /// The stored snapshot with the journal entries after it folded in.
    static func summary(_ db: Database, _ row: SummaryRow) throws -> InstanceSummary {
        var summary = try StoreCoding.decode(InstanceSummary.self, row.json, "instance row \(row.seq)")
        for entry in try entries(db, instanceSeq: row.seq, after: row.through) { summary.apply(entry) }
        return summary
    }

    static func entries(_ db: Database, instanceSeq: Int, after sequence: Int) throws -> [JournalEntry] {
        let cursor = try Row.fetchCursor(
            db.cachedStatement(
                sql:
                    "SELECT sequence, time, event FROM journal WHERE instance_seq = ? AND sequence > ? ORDER BY sequence"
            ), arguments: [instanceSeq, sequence])
        var entries: [JournalEntry] = []
        while let row = try cursor.next() {
            let number = try row.decode(Int.self, atIndex: 0)
            let event = try StoreCoding.decode(
                InstanceEvent.self, try row.decode(String.self, atIndex: 2), "journal entry \(number)")
            entries.append(
                JournalEntry(
                    sequence: number, time: Date(timeIntervalSinceReferenceDate: try row.decode(atIndex: 1)),
                    event: event))
        }
        return entries
    }
}

extension SQLiteStore {
    public func requestCancel(instance id: String) async throws(StoreError) {
        let known = try await read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM instances WHERE id = ?)", arguments: [id]) ?? false
        }
        guard known else { throw StoreError(.notFound, "no instance \(id)") }
        let now = Date().timeIntervalSinceReferenceDate
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO cancel_requests (instance_id, requested_at) VALUES (?, ?)",
                arguments: [id, now])
        }
    }

    public func cancelRequests() async throws(StoreError) -> Set<String> {
        try await read { db in Set(try String.fetchAll(db, sql: "SELECT instance_id FROM cancel_requests")) }
    }

    public func takeCancelRequest(instance id: String) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "DELETE FROM cancel_requests WHERE instance_id = ?", arguments: [id])
        }
    }
}
