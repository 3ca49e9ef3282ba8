import Foundation
import Logging
import PostgresNIO
import WorkflowEngine
import WorkflowStore

/// Reading and writing rows: the helpers every part of the store uses.
extension PostgresStore {
    /// `seq, summary, summary_through` of an instance row.
    struct SummaryRow: Sendable {
        var seq: Int
        var json: String
        var through: Int
    }

    /// Runs `body` on a pooled connection (no transaction: each statement sees what is committed).
    func read<T: Sendable>(
        _ doing: @autoclosure () -> String,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws(StoreError) -> T {
        let (logger, client) = (self.logger, self.client)
        do {
            return try await Deadline.run(operationTimeout) {
                try await client.withConnection { connection in try await body(connection, logger) }
            }
        } catch {
            throw storeError(error, doing())
        }
    }

    /// Runs `body` in the next group commit; returns once that transaction committed. A `singleStatement` body
    /// (one statement, which is its own transaction) runs without `BEGIN`/`COMMIT` when writes are not grouped.
    func write(
        _ doing: @autoclosure () -> String, singleStatement: Bool = false,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Void
    ) async throws(StoreError) {
        do {
            try await batcher.write(singleStatement: singleStatement, body)
        } catch {
            throw storeError(error, doing())
        }
    }

    /// The summaries of the instance rows `query` selects (`seq, summary, summary_through`), in its order.
    static func summaries(
        _ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> [InstanceSummary] {
        var rows: [SummaryRow] = []
        for try await row in try await connection.query(query, logger: logger).decode((Int, String, Int).self) {
            rows.append(SummaryRow(seq: row.0, json: row.1, through: row.2))
        }
        var summaries: [InstanceSummary] = []
        for row in rows { summaries.append(try await summary(row, on: connection, logger)) }
        return summaries
    }

    /// Runs a statement, ignoring its rows.
    static func run(_ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger) async throws {
        for try await _ in try await connection.query(query, logger: logger) {}
    }

    /// The first row of `query`, decoded, or `nil`.
    static func first<T: Sendable>(
        _ type: T.Type, _ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> T? where T: PostgresDecodable {
        var found: T?
        for try await value in try await connection.query(query, logger: logger).decode(T.self) where found == nil {
            found = value
        }
        return found
    }

    /// The first row of `query` as two columns, or `nil`.
    static func first<A: PostgresDecodable & Sendable, B: PostgresDecodable & Sendable>(
        _ type: (A, B).Type, _ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> (A, B)? {
        var found: (A, B)?
        for try await value in try await connection.query(query, logger: logger).decode((A, B).self)
        where found == nil {
            found = value
        }
        return found
    }

    static func summaryRow(id: String, on connection: PostgresConnection, _ logger: Logger) async throws -> SummaryRow?
    {
        var found: SummaryRow?
        for try await (seq, json, through) in try await connection.query(
            "SELECT seq, summary, summary_through FROM instances WHERE id = \(id)", logger: logger
        ).decode((Int, String, Int).self) {
            found = SummaryRow(seq: seq, json: json, through: through)
        }
        return found
    }

    /// The stored snapshot with the journal entries after it folded in.
    static func summary(
        _ row: SummaryRow, on connection: PostgresConnection, _ logger: Logger
    ) async throws
        -> InstanceSummary
    {
        var summary = try StoreCoding.decode(InstanceSummary.self, row.json, "instance row \(row.seq)")
        for entry in try await entries(instanceSeq: row.seq, after: row.through, on: connection, logger) {
            summary.apply(entry)
        }
        return summary
    }

    /// The snapshot row of instance `seq` folded from what is stored (the rows this transaction wrote included).
    static func snapshot(
        of seq: Int, on connection: PostgresConnection, _ logger: Logger
    ) async throws
        -> LiveSummaries.Snapshot
    {
        guard
            let (json, through) = try await first(
                (String, Int).self, "SELECT summary, summary_through FROM instances WHERE seq = \(seq)", on: connection,
                logger)
        else { throw StoreError(.notFound, "instance row \(seq) disappeared") }
        var summary = try StoreCoding.decode(InstanceSummary.self, json, "instance row \(seq)")
        var last = through
        for entry in try await entries(instanceSeq: seq, after: through, on: connection, logger) {
            summary.apply(entry)
            last = max(last, entry.sequence)
        }
        return LiveSummaries.Snapshot(
            status: summary.status.rawValue, endedAt: summary.endedAt?.timeIntervalSinceReferenceDate,
            summary: try StoreCoding.encodeSummary(summary), through: last, previousThrough: through,
            journalThrough: last)
    }

    static func entries(
        instanceSeq: Int, after sequence: Int, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> [JournalEntry] {
        var entries: [JournalEntry] = []
        for try await (number, time, text) in try await connection.query(
            """
            SELECT sequence, time, event FROM journal WHERE instance_seq = \(instanceSeq) AND sequence > \(sequence)
            ORDER BY sequence
            """, logger: logger
        ).decode((Int, Double, String).self) {
            let event = try StoreCoding.decode(InstanceEvent.self, text, "journal entry \(number)")
            entries.append(
                JournalEntry(sequence: number, time: Date(timeIntervalSinceReferenceDate: time), event: event))
        }
        return entries
    }
}
