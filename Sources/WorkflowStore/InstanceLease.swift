import Foundation

/// Ownership of an unfinished instance by one live process (docs/ownership.md).
///
/// A process claims an instance before it runs it and renews the claim with a heartbeat; another process may
/// take the instance only once the lease has expired (its owner is gone) or was released. Every claim raises the
/// epoch, and every journal write of a runner is fenced by the epoch it claimed: a process that lost ownership
/// (paused past its lease, then resumed) has its writes refused and stops.
public struct InstanceLease: Sendable, Hashable {
    /// The instance owned.
    public var instanceId: String
    /// Who owns it: one id per running executor.
    public var owner: String
    /// Raised by one at every claim: the fence of journal writes.
    public var epoch: Int
    /// When the lease ends unless it is renewed.
    public var expiresAt: Date
    /// How many times the instance was taken over from an owner that died holding it (an expired lease that was
    /// never released): the resume attempts a crash loop piles up. A release sets it back to 0.
    public var takeovers: Int

    public init(instanceId: String, owner: String, epoch: Int, expiresAt: Date, takeovers: Int) {
        self.instanceId = instanceId
        self.owner = owner
        self.epoch = epoch
        self.expiresAt = expiresAt
        self.takeovers = takeovers
    }
}

/// The lease row as stores keep it, and the decision a claim makes on it (shared by every store, so memory,
/// SQLite and a future PostgreSQL store claim the same way).
public struct StoredLease: Sendable, Hashable {
    public var owner: String
    public var epoch: Int
    public var expiresAt: Date
    public var released: Bool
    public var takeovers: Int

    public init(owner: String, epoch: Int, expiresAt: Date, released: Bool, takeovers: Int) {
        self.owner = owner
        self.epoch = epoch
        self.expiresAt = expiresAt
        self.released = released
        self.takeovers = takeovers
    }

    /// The lease after `owner` claims instance `id` at `now` until `expiresAt`, given the current row (`nil`:
    /// never claimed).
    /// - Throws: ``StoreError`` `leaseHeld` when another owner's lease is still live at `now`.
    public static func claim(
        _ current: StoredLease?, instance id: String, owner: String, now: Date, expiresAt: Date
    ) throws(StoreError) -> StoredLease {
        guard let current else {
            return StoredLease(owner: owner, epoch: 1, expiresAt: expiresAt, released: false, takeovers: 0)
        }
        let live = !current.released && current.expiresAt > now
        if live && current.owner != owner {
            throw StoreError(
                .leaseHeld,
                "instance \(id) is owned by \(current.owner) until \(current.expiresAt) (lease epoch \(current.epoch))")
        }
        let takeover = !current.released && !live && current.owner != owner
        return StoredLease(
            owner: owner, epoch: current.epoch &+ 1, expiresAt: expiresAt, released: false,
            takeovers: current.released ? 0 : current.takeovers + (takeover ? 1 : 0))
    }

    /// The public view for instance `id`.
    public func lease(of id: String) -> InstanceLease {
        InstanceLease(instanceId: id, owner: owner, epoch: epoch, expiresAt: expiresAt, takeovers: takeovers)
    }
}
