import Foundation
import Synchronization
import WorkflowEngine

/// The summaries of running instances, folded in memory as their journal grows, and the snapshot rows a durable
/// store writes from them (SQLite and PostgreSQL keep the same `summary`/`summary_through` columns).
///
/// A store rewrites an instance's summary row only every ``snapshotInterval`` events and when the instance ends;
/// reads fold the few journal events after the snapshot.
package final class LiveSummaries: Sendable {
    /// A summary being folded in memory while its instance runs.
    package struct Live: Sendable {
        package var summary: InstanceSummary
        /// The last journal sequence folded into the stored snapshot.
        package var snapshotThrough: Int
        /// The last journal sequence folded into `summary`.
        package var through: Int

        package init(summary: InstanceSummary, snapshotThrough: Int, through: Int) {
            self.summary = summary
            self.snapshotThrough = snapshotThrough
            self.through = through
        }
    }

    /// The summary row to rewrite in the same transaction as the journal rows.
    package struct Snapshot: Sendable {
        package var status: String
        package var endedAt: Double?
        package var summary: String
        /// The last journal sequence folded into `summary`.
        package var through: Int
        /// The snapshot the row held before (its `summary_through`), as this process knew it.
        package var previousThrough: Int
        /// The last journal sequence stored before these entries, as this process knew it.
        package var journalThrough: Int

        package init(
            status: String, endedAt: Double?, summary: String, through: Int, previousThrough: Int, journalThrough: Int
        ) {
            self.status = status
            self.endedAt = endedAt
            self.summary = summary
            self.through = through
            self.previousThrough = previousThrough
            self.journalThrough = journalThrough
        }
    }

    /// Journal events folded in memory before the summary snapshot row is rewritten.
    package static let snapshotInterval = 64

    private let live = Mutex<[String: Live]>([:])

    package init() {}

    /// The most folds kept in memory; dropping one only costs a read at the instance's next append. Every insert
    /// keeps to it, so a process holding many unfinished instances (a worker with parked ones) keeps at most this
    /// many summaries, not one per instance.
    package static let maxCached = 4_096

    /// Starts folding a new instance.
    package func created(_ summary: InstanceSummary) {
        live.withLock {
            Self.insert(Live(summary: summary, snapshotThrough: -1, through: -1), for: summary.id, in: &$0)
        }
    }

    /// Caches `fold` under `id`, first dropping another instance's when the cache is full.
    private static func insert(_ fold: Live, for id: String, in live: inout [String: Live]) {
        if live.count >= maxCached, live[id] == nil, let first = live.keys.first { live.removeValue(forKey: first) }
        live[id] = fold
    }

    /// How many folds are cached.
    package var count: Int { live.withLock { $0.count } }

    /// Forgets the fold of `id` (a write failed: the next append folds from the store).
    package func drop(_ id: String) {
        _ = live.withLock { $0.removeValue(forKey: id) }
    }

    /// Folds `entries` into the summary of `id`, loading it with `load` when it is not cached.
    /// - Returns: the snapshot to store with the entries, when the instance ended or enough events piled up.
    /// - Throws: ``StoreError`` `notFound` when `load` finds no instance.
    package func fold(
        _ entries: [JournalEntry], into id: String, load: () async throws(StoreError) -> Live?
    ) async throws(StoreError) -> Snapshot? {
        // Taken out of the cache while folding, so the summary is not copied (appends of one instance are
        // sequential: the runner writes one turn at a time).
        var current = live.withLock { $0.removeValue(forKey: id) }
        if current == nil { current = try await load() }
        guard var instance = current else { throw StoreError(.notFound, "no instance \(id)") }
        let journalThrough = instance.through
        // Entries already folded (a turn written again after a lost answer, the fold reloaded meanwhile) count once.
        for entry in entries where entry.sequence > instance.through {
            instance.summary.apply(entry)
            instance.through = max(instance.through, entry.sequence)
        }
        let finished = instance.summary.status.isFinished
        var snapshot: Snapshot?
        if finished || instance.through - instance.snapshotThrough >= Self.snapshotInterval {
            snapshot = Snapshot(
                status: instance.summary.status.rawValue,
                endedAt: instance.summary.endedAt?.timeIntervalSinceReferenceDate,
                summary: try StoreCoding.encodeSummary(instance.summary), through: instance.through,
                previousThrough: instance.snapshotThrough, journalThrough: journalThrough)
            instance.snapshotThrough = instance.through
        }
        let cached = instance
        live.withLock { live in
            if finished { live.removeValue(forKey: id) } else { Self.insert(cached, for: id, in: &live) }
        }
        return snapshot
    }
}
