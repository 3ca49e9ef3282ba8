import Foundation
import Synchronization
import WorkflowEngine

/// Instances in memory: for tests, benchmarks and one-off runs. Nothing survives the process.
public final class MemoryInstanceStore: InstanceStore {
    /// One instance: its summary and journal behind their own lock, so appends to different instances (one per
    /// scheduler turn of each running instance) do not wait for each other.
    ///
    /// An append only stores the entries; the summary is folded from the journal entries not yet folded when it
    /// is read (the same fold, in the same order, so reads see exactly what an eager fold gives).
    ///
    /// Once the instance finished (an append brought `instanceFinished`), its journal is packed
    /// (``CompactJournal``: a few bytes per noop-like step) and reads of a finished instance fold a copy, so what
    /// a finished instance keeps is its record, its unfolded summary and the packed journal.
    private final class Record: Sendable {
        struct Content {
            var summary: InstanceSummary
            private var journal: [JournalEntry] = []
            /// The journal of a finished instance, packed (`journal` is empty then).
            private var packed: CompactJournal?
            /// How many journal entries `summary` has folded.
            var folded = 0
            /// Who owns the instance (``InstanceLease``); behind the record's own lock, so a fenced append costs
            /// no shared lock.
            var lease: StoredLease?

            init(summary: InstanceSummary) { self.summary = summary }

            /// Every journal entry, in order.
            var entries: [JournalEntry] { packed?.entries ?? journal }

            mutating func append(_ entries: [JournalEntry]) {
                if let packed {
                    journal = packed.entries
                    self.packed = nil
                }
                if journal.isEmpty && entries.capacity <= 2 * entries.count + 8 {
                    journal = entries  // shares the caller's buffer: no copy
                } else if journal.isEmpty {
                    // Mostly spare room (a run reserves for a turn of inline steps, then waits): keep a right-sized
                    // copy, not the whole buffer, while the instance waits.
                    journal.reserveCapacity(entries.count)
                    journal.append(contentsOf: entries)
                } else {
                    journal.append(contentsOf: entries)
                }
                if entries.contains(where: { if case .instanceFinished = $0.event { true } else { false } }) {
                    packed = CompactJournal(journal)
                    journal = []
                }
            }

            /// The summary with every journal entry folded in (folded in place while the instance runs; on a copy
            /// once it finished, so a finished instance keeps its small unfolded summary).
            mutating func foldedSummary() -> InstanceSummary {
                if let packed {
                    guard folded < packed.count else { return summary }
                    var copy = summary
                    for entry in packed.entries[folded...] { copy.apply(entry) }
                    return copy
                }
                guard folded < journal.count else { return summary }
                for entry in journal[folded...] { summary.apply(entry) }
                folded = journal.count
                return summary
            }
        }

        let content: Mutex<Content>

        init(_ summary: InstanceSummary) { content = Mutex(Content(summary: summary)) }

        var summary: InstanceSummary {
            content.withLock { $0.foldedSummary() }
        }
    }

    /// A part of the records by id. Ids are spread over shards by hash, so that looking a record up (every
    /// append does) rarely waits for another instance's lookup: with one lock for every record, two cores running
    /// 1,000 small instances spent a fifth of their time spinning on it.
    private final class Shard: Sendable {
        let records = Mutex<[String: Record]>([:])
    }

    private struct State {
        /// Creation order, for newest-first listing.
        var order: [Record] = []
        var cancelRequests: Set<String> = []
    }

    private let shards: [Shard] = (0..<16).map { _ in Shard() }
    private let state = Mutex(State())

    public init() {}

    private func shard(_ id: String) -> Shard {
        shards[Int(UInt(bitPattern: id.hashValue) % UInt(shards.count))]
    }

    private func record(_ id: String) -> Record? {
        shard(id).records.withLock { $0[id] }
    }

    public func create(_ summary: InstanceSummary) async throws(StoreError) {
        try insert(Record(summary), id: summary.id)
    }

    /// Creates the record with its lease in place: no second lookup.
    public func createClaimed(
        _ summary: InstanceSummary, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        let record = Record(summary)
        let claimed = try StoredLease.claim(nil, instance: summary.id, owner: owner, now: now, expiresAt: expiresAt)
        record.content.withLock { $0.lease = claimed }
        try insert(record, id: summary.id)
        return claimed.lease(of: summary.id)
    }

    private func insert(_ record: Record, id: String) throws(StoreError) {
        try shard(id).records.withLock { (records: inout [String: Record]) throws(StoreError) in
            guard records[id] == nil else { throw StoreError(.duplicate, "instance \(id) exists") }
            records[id] = record
        }
        state.withLock { $0.order.append(record) }
    }

    public func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError) {
        guard let record = record(id) else { throw StoreError(.notFound, "no instance \(id)") }
        record.content.withLock { $0.append(entries) }
    }

    public func instance(id: String) async throws(StoreError) -> InstanceSummary? {
        record(id)?.summary
    }

    public func journal(instance id: String) async throws(StoreError) -> [JournalEntry] {
        record(id)?.content.withLock { $0.entries } ?? []
    }

    public func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage {
        let matching = state.withLock { $0.order }.reversed().map(\.summary)
            .filter { query.workflowId == nil || $0.workflowId == query.workflowId }
        return InstancePage(page: matching, query: query)
    }

    public func unfinished() async throws(StoreError) -> [InstanceSummary] {
        state.withLock { $0.order }.map(\.summary).filter { $0.status == .inProgress }
    }

    public func claimable(now: Date, limit: Int) async throws(StoreError) -> [InstanceSummary] {
        guard limit > 0 else { return [] }
        var found: [InstanceSummary] = []
        for record in state.withLock({ $0.order }) {
            let (summary, lease) = record.content.withLock { ($0.foldedSummary(), $0.lease) }
            guard summary.status == .inProgress else { continue }
            if let lease, !lease.released, lease.expiresAt > now { continue }
            found.append(summary)
            if found.count == limit { break }
        }
        return found
    }

    public func requestCancel(instance id: String) async throws(StoreError) {
        guard record(id) != nil else { throw StoreError(.notFound, "no instance \(id)") }
        _ = state.withLock { $0.cancelRequests.insert(id) }
    }

    public func cancelRequests() async throws(StoreError) -> Set<String> {
        state.withLock { $0.cancelRequests }
    }

    public func takeCancelRequest(instance id: String) async throws(StoreError) {
        _ = state.withLock { $0.cancelRequests.remove(id) }
    }

    public func claim(
        instance id: String, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        guard let record = record(id) else { throw StoreError(.notFound, "no instance \(id)") }
        return try record.content.withLock { (content: inout Record.Content) throws(StoreError) -> InstanceLease in
            let claimed = try StoredLease.claim(
                content.lease, instance: id, owner: owner, now: now, expiresAt: expiresAt)
            content.lease = claimed
            return claimed.lease(of: id)
        }
    }

    public func renewLeases(owner: String, expiresAt: Date) async throws(StoreError) -> Set<String> {
        var held: Set<String> = []
        for record in state.withLock({ $0.order }) {
            let id: String? = record.content.withLock { content in
                guard let lease = content.lease, lease.owner == owner, !lease.released else { return nil }
                content.lease?.expiresAt = expiresAt
                return content.summary.id
            }
            if let id { held.insert(id) }
        }
        return held
    }

    public func release(_ lease: InstanceLease) async throws(StoreError) {
        record(lease.instanceId)?.content.withLock { content in
            guard content.lease?.epoch == lease.epoch else { return }
            content.lease?.released = true
            content.lease?.takeovers = 0
        }
    }

    public func lease(instance id: String) async throws(StoreError) -> InstanceLease? {
        record(id)?.content.withLock { $0.lease?.lease(of: id) }
    }

    public func append(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        try append(id, entries, fencedBy: lease, releasing: false)
    }

    public func appendReleasing(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        try append(id, entries, fencedBy: lease, releasing: true)
    }

    private func append(
        _ id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease, releasing: Bool
    ) throws(StoreError) {
        guard let record = record(id) else { throw StoreError(.notFound, "no instance \(id)") }
        try record.content.withLock { (content: inout Record.Content) throws(StoreError) in
            guard let current = content.lease, current.epoch == lease.epoch, current.owner == lease.owner else {
                throw StoreError(.leaseLost, "instance \(id) was claimed by another process; its write was refused")
            }
            content.append(entries)
            if releasing {
                content.lease?.released = true
                content.lease?.takeovers = 0
            }
        }
    }
}

extension InstancePage {
    /// Cuts one page out of every matching instance (newest first) and counts them by status.
    public init(page matching: [InstanceSummary], query: InstanceQuery) {
        let size = max(query.pageSize, 0)
        let start = min(max(query.pageNumber, 0) * size, matching.count)
        let end = min(start + size, matching.count)
        self.init(
            instances: Array(matching[start..<end]),
            totalCount: matching.count,
            succeededCount: matching.count { $0.status == .succeeded },
            failedCount: matching.count { $0.status == .stepError || $0.status == .instanceError },
            canceledCount: matching.count { $0.status == .canceled }
        )
    }
}
