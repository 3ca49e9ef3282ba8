import Foundation
import WorkflowEngine

/// Where instances live: their journal and a summary kept up to date for list and get.
///
/// Implementations: ``MemoryInstanceStore`` (tests, benchmarks, one-off CLI runs); SQLite (durable default).
public protocol InstanceStore: Sendable {
    /// Records a new instance.
    /// - Throws: ``StoreError`` with code `duplicate` when the id exists.
    func create(_ summary: InstanceSummary) async throws(StoreError)
    /// Appends journal events of one scheduler turn, atomically, and folds them into the summary.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown instance.
    func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError)
    /// The instance's summary, or `nil`.
    func instance(id: String) async throws(StoreError) -> InstanceSummary?
    /// The instance's journal in order.
    func journal(instance id: String) async throws(StoreError) -> [JournalEntry]
    /// Instances newest first, optionally of one workflow, a page at a time.
    func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage
    /// Instances still `IN_PROGRESS`, oldest first: the runs to carry on after a crash.
    func unfinished() async throws(StoreError) -> [InstanceSummary]
    /// Records that someone asked to cancel the instance, for whichever process runs it.
    func requestCancel(instance id: String) async throws(StoreError)
    /// Instances whose cancel was asked and not yet taken (``takeCancelRequest(instance:)``).
    func cancelRequests() async throws(StoreError) -> Set<String>
    /// Removes a cancel request once the instance was cancelled.
    func takeCancelRequest(instance id: String) async throws(StoreError)

    /// Claims instance `id` for `owner` until `expiresAt` (``InstanceLease``): succeeds when nobody holds it,
    /// its holder released it, its lease expired at `now`, or `owner` holds it already; the epoch goes up by one.
    /// A store shared by several machines claims with a row lock (`SELECT … FOR UPDATE SKIP LOCKED`).
    /// - Throws: ``StoreError`` `leaseHeld` when another owner's lease is live, `notFound` for an unknown instance.
    func claim(instance id: String, owner: String, now: Date, expiresAt: Date) async throws(StoreError) -> InstanceLease
    /// Records a new instance already claimed by `owner` (epoch 1): what ``create(_:)`` then
    /// ``claim(instance:owner:now:expiresAt:)`` do, in one write where the store can (a start pays one commit).
    /// - Throws: ``StoreError`` `duplicate` when the id exists; what a claim throws.
    func createClaimed(
        _ summary: InstanceSummary, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease
    /// Extends every unreleased lease `owner` holds to `expiresAt` (the heartbeat).
    /// - Returns: the instances `owner` still holds (a lease another process took over is not renewed).
    func renewLeases(owner: String, expiresAt: Date) async throws(StoreError) -> Set<String>
    /// Gives up `lease` (the run finished or stopped cleanly): the next claim is not a takeover. Does nothing
    /// when the lease is no longer the instance's current one.
    func release(_ lease: InstanceLease) async throws(StoreError)
    /// The instance's current lease, released or not (`nil`: never claimed).
    func lease(instance id: String) async throws(StoreError) -> InstanceLease?
    /// ``append(instance:_:)``, but only while `lease` is the instance's current lease (same owner and epoch).
    /// - Throws: ``StoreError`` `leaseLost` when another process claimed the instance since; nothing is written.
    func append(instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease) async throws(StoreError)
    /// The last fenced append of a run that ended, and the release of `lease`, in one write where the store can:
    /// what ``append(instance:_:fencedBy:)`` then ``release(_:)`` do.
    /// - Throws: ``StoreError`` `leaseLost` when another process claimed the instance since; nothing is written.
    func appendReleasing(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError)
    /// Unfinished instances no live process owns at `now` — never claimed, released, or whose lease expired —
    /// oldest first, at most `limit` (none when `limit` is 0 or less): what a worker claims next. A store shared
    /// by several machines may skip rows other claimers hold locked; a claim still decides who wins.
    func claimable(now: Date, limit: Int) async throws(StoreError) -> [InstanceSummary]

    /// The ids of instances whose cancel is asked from now on, as any process asks (a store that is told of
    /// them, like PostgreSQL with `LISTEN/NOTIFY`), so the process running one cancels it at once; `nil` (the
    /// default): the executor only polls ``cancelRequests()``.
    func cancelRequestNotices() -> AsyncStream<String>?
}

extension InstanceStore {
    /// ``append(instance:_:fencedBy:)``, then ``release(_:)``: two writes.
    public func appendReleasing(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        try await append(instance: id, entries, fencedBy: lease)
        try await release(lease)
    }

    /// ``create(_:)``, then ``claim(instance:owner:now:expiresAt:)``: two writes.
    public func createClaimed(
        _ summary: InstanceSummary, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        try await create(summary)
        return try await claim(instance: summary.id, owner: owner, now: now, expiresAt: expiresAt)
    }

    /// `nil`: this store is not told of cancel requests; they are found by polling ``cancelRequests()``.
    public func cancelRequestNotices() -> AsyncStream<String>? { nil }
}

/// What to list.
public struct InstanceQuery: Sendable, Hashable {
    public var workflowId: String?
    /// From 0.
    public var pageNumber: Int
    public var pageSize: Int

    public init(workflowId: String? = nil, pageNumber: Int = 0, pageSize: Int = 10) {
        self.workflowId = workflowId
        self.pageNumber = pageNumber
        self.pageSize = pageSize
    }
}

/// One page of instances with the counts Datadog's list returns.
public struct InstancePage: Sendable, Hashable {
    public var instances: [InstanceSummary]
    public var totalCount: Int
    public var succeededCount: Int
    public var failedCount: Int
    public var canceledCount: Int

    public init(
        instances: [InstanceSummary], totalCount: Int, succeededCount: Int, failedCount: Int, canceledCount: Int
    ) {
        self.instances = instances
        self.totalCount = totalCount
        self.succeededCount = succeededCount
        self.failedCount = failedCount
        self.canceledCount = canceledCount
    }
}

/// A store failure.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let notFound = Code("NOT_FOUND")
        public static let duplicate = Code("DUPLICATE")
        public static let io = Code("IO")
        /// Stored data could not be decoded (a damaged file, or one written by a newer version).
        public static let corrupt = Code("CORRUPT")
        /// The disk (or the database's size cap) is full; the write was rolled back.
        public static let full = Code("FULL")
        /// Another process holds the database locked longer than the busy timeout.
        public static let busy = Code("BUSY")
        /// Another live process owns the instance (its lease has not expired).
        public static let leaseHeld = Code("LEASE_HELD")
        /// The writer no longer owns the instance: another process claimed it since (a higher lease epoch).
        public static let leaseLost = Code("LEASE_LOST")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
