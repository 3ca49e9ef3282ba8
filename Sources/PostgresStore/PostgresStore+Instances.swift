import Foundation
import PostgresNIO
import WorkflowEngine
import WorkflowStore

extension PostgresStore: InstanceStore {
    public func create(_ summary: InstanceSummary) async throws(StoreError) {
        let json = try StoreCoding.encodeSummary(summary)
        let logger = self.logger
        try await write("creating instance \(summary.id)", singleStatement: true) { connection in
            let query: PostgresQuery = """
                INSERT INTO instances
                    (id, workflow_id, workflow_version, status, started_at, ended_at, summary, summary_through)
                VALUES (\(summary.id), \(summary.workflowId), \(summary.workflowVersion), \(summary.status.rawValue),
                    \(summary.startedAt.timeIntervalSinceReferenceDate),
                    \(summary.endedAt?.timeIntervalSinceReferenceDate), \(json), -1)
                ON CONFLICT (id) DO NOTHING RETURNING seq
                """
            guard try await Self.first(Int.self, query, on: connection, logger) != nil else {
                throw StoreError(.duplicate, "instance \(summary.id) exists")
            }
        }
        live.created(summary)
    }

    public func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError) {
        try await append(instance: id, entries, fence: nil)
    }

    public func append(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        guard !entries.isEmpty else {
            try await append(instance: id, entries, fence: lease)
            return
        }
        try await fencedAppend(instance: id, entries, lease: lease)
    }

    /// Appends `entries` in a transaction of its own statements; with a `fence`, only while that lease is the
    /// instance's current one (checked in the same transaction, under a share lock of the instance row that a claim
    /// must wait for). Fenced appends of entries take ``fencedAppend(instance:_:lease:)`` instead.
    private func append(
        instance id: String, _ entries: [JournalEntry], fence: InstanceLease?
    ) async throws(StoreError) {
        guard !entries.isEmpty else {
            guard try await instance(id: id) != nil else { throw StoreError(.notFound, "no instance \(id)") }
            return
        }
        let rows = try EncodedEntries(entries, instance: id)
        let snapshot = try await live.fold(entries, into: id) { () async throws(StoreError) in try await loadLive(id) }
        let logger = self.logger
        do {
            try await write("appending to instance \(id)") { connection in
                guard
                    let (seq, storedThrough) = try await Self.first(
                        (Int, Int).self, "SELECT seq, summary_through FROM instances WHERE id = \(id) FOR SHARE",
                        on: connection, logger)
                else { throw StoreError(.notFound, "no instance \(id)") }
                if let fence { try await Self.checkFence(fence, on: connection, logger) }
                var current = true
                if let snapshot {
                    let journalThrough = try await Self.first(
                        Int.self, "SELECT coalesce(max(sequence), -1) FROM journal WHERE instance_seq = \(seq)",
                        on: connection, logger)
                    current = storedThrough == snapshot.previousThrough && journalThrough == snapshot.journalThrough
                }
                try await Self.run(
                    """
                    INSERT INTO journal (instance_seq, sequence, time, event)
                    SELECT \(seq), * FROM unnest(
                        \(rows.sequences)::BIGINT[], \(rows.times)::DOUBLE PRECISION[], \(rows.events)::TEXT[])
                    """, on: connection, logger)
                guard var snapshot else { return }
                if !current {
                    // Another process wrote this instance since this one cached its summary: fold from the rows.
                    self.live.drop(id)
                    snapshot = try await Self.snapshot(of: seq, on: connection, logger)
                }
                try await Self.run(
                    """
                    UPDATE instances SET status = \(snapshot.status), ended_at = \(snapshot.endedAt),
                        summary = \(snapshot.summary), summary_through = \(snapshot.through)
                    WHERE seq = \(seq)
                    """, on: connection, logger)
            }
        } catch {
            // The cached fold is ahead of the database now: drop it, the next append folds from the rows.
            live.drop(id)
            throw error
        }
    }

    func loadLive(_ id: String) async throws(StoreError) -> LiveSummaries.Live? {
        try await read("reading instance \(id)") { connection, logger in
            guard let row = try await Self.summaryRow(id: id, on: connection, logger) else { return nil }
            let summary = try await Self.summary(row, on: connection, logger)
            let through = try await Self.first(
                Int.self, "SELECT coalesce(max(sequence), -1) FROM journal WHERE instance_seq = \(row.seq)",
                on: connection, logger)
            return LiveSummaries.Live(summary: summary, snapshotThrough: row.through, through: through ?? -1)
        }
    }

    public func instance(id: String) async throws(StoreError) -> InstanceSummary? {
        try await read("reading instance \(id)") { connection, logger in
            guard let row = try await Self.summaryRow(id: id, on: connection, logger) else { return nil }
            return try await Self.summary(row, on: connection, logger)
        }
    }

    public func journal(instance id: String) async throws(StoreError) -> [JournalEntry] {
        try await read("reading the journal of \(id)") { connection, logger in
            guard let row = try await Self.summaryRow(id: id, on: connection, logger) else { return [] }
            return try await Self.entries(instanceSeq: row.seq, after: -1, on: connection, logger)
        }
    }

    public func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage {
        try await read("listing instances") { connection, logger in
            let size = max(query.pageSize, 0)
            let offset = max(query.pageNumber, 0) * size
            let workflow = query.workflowId
            let instances = try await Self.summaries(
                """
                SELECT seq, summary, summary_through FROM instances
                WHERE \(workflow)::TEXT IS NULL OR workflow_id = \(workflow)
                ORDER BY seq DESC LIMIT \(size) OFFSET \(offset)
                """, on: connection, logger)
            var counts: [String: Int] = [:]
            for try await (status, count) in try await connection.query(
                """
                SELECT status, count(*) FROM instances WHERE \(workflow)::TEXT IS NULL OR workflow_id = \(workflow)
                GROUP BY status
                """, logger: logger
            ).decode((String, Int).self) {
                counts[status] = count
            }
            func count(_ status: InstanceStatus) -> Int { counts[status.rawValue] ?? 0 }
            return InstancePage(
                instances: instances, totalCount: counts.values.reduce(0, +), succeededCount: count(.succeeded),
                failedCount: count(.stepError) + count(.instanceError), canceledCount: count(.canceled))
        }
    }

    public func unfinished() async throws(StoreError) -> [InstanceSummary] {
        try await read("listing unfinished instances") { connection, logger in
            try await Self.summaries(
                """
                SELECT seq, summary, summary_through FROM instances WHERE status = \(InstanceStatus.inProgress.rawValue)
                ORDER BY seq
                """, on: connection, logger)
        }
    }
}
