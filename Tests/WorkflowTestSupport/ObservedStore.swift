import Foundation
import Synchronization
import WorkflowEngine
import WorkflowStore

/// A memory instance store that counts how the runtime uses it: appends (one per scheduler turn) and looks
/// for cancel requests.
public final class ObservedStore: InstanceStore {
    public let base = MemoryInstanceStore()
    /// How many times `append` was called.
    public let appends = Mutex(0)
    /// How many times `cancelRequests()` was called.
    public let polls = Mutex(0)
    /// With `notifying`: the stream ``cancelRequestNotices()`` returns, fed by ``requestCancel(instance:)``.
    private let notices: (stream: AsyncStream<String>, continuation: AsyncStream<String>.Continuation)?

    /// - Parameter notifying: announce cancel requests (as a store with `LISTEN/NOTIFY` does).
    public init(notifying: Bool = false) {
        notices = notifying ? AsyncStream.makeStream(of: String.self) : nil
    }

    public func cancelRequestNotices() -> AsyncStream<String>? { notices?.stream }

    public func create(_ summary: InstanceSummary) async throws(StoreError) { try await base.create(summary) }
    public func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError) {
        appends.withLock { $0 += 1 }
        try await base.append(instance: id, entries)
    }
    public func instance(id: String) async throws(StoreError) -> InstanceSummary? {
        try await base.instance(id: id)
    }
    public func journal(instance id: String) async throws(StoreError) -> [JournalEntry] {
        try await base.journal(instance: id)
    }
    public func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage { try await base.list(query) }
    public func unfinished() async throws(StoreError) -> [InstanceSummary] { try await base.unfinished() }
    public func requestCancel(instance id: String) async throws(StoreError) {
        try await base.requestCancel(instance: id)
        notices?.continuation.yield(id)
    }
    public func cancelRequests() async throws(StoreError) -> Set<String> {
        polls.withLock { $0 += 1 }
        return try await base.cancelRequests()
    }
    public func takeCancelRequest(instance id: String) async throws(StoreError) {
        try await base.takeCancelRequest(instance: id)
    }
    public func claim(
        instance id: String, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        try await base.claim(instance: id, owner: owner, now: now, expiresAt: expiresAt)
    }
    public func renewLeases(owner: String, expiresAt: Date) async throws(StoreError) -> Set<String> {
        try await base.renewLeases(owner: owner, expiresAt: expiresAt)
    }
    public func release(_ lease: InstanceLease) async throws(StoreError) { try await base.release(lease) }
    public func lease(instance id: String) async throws(StoreError) -> InstanceLease? {
        try await base.lease(instance: id)
    }
    public func claimable(now: Date, limit: Int) async throws(StoreError) -> [InstanceSummary] {
        try await base.claimable(now: now, limit: limit)
    }
    public func append(
        instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease
    ) async throws(StoreError) {
        appends.withLock { $0 += 1 }
        try await base.append(instance: id, entries, fencedBy: lease)
    }
}
