import Foundation
import Logging
import Synchronization
import WorkflowEngine
import WorkflowStore

extension InstanceRunner {
    /// How long a turn's write is tried again while the store is unreachable or busy (a PostgreSQL server
    /// restarting, a failover): past it, the turn is given up on as before (logged, the run goes on).
    static let storeOutagePatience: Duration = .seconds(120)

    /// Appends a turn's entries (fenced by the lease when the runner holds one; the append that ends the run also
    /// releases the lease, in the same write), trying again with a growing pause
    /// (50 ms up to 2 s) while the store fails with `io` or `busy`: the turn is written once the store is back. A
    /// store whose answer was lost after it committed skips the rows it already has.
    /// - Throws: the store's error when it refused the write otherwise, the run was cancelled, or the store stayed
    ///   unreachable for ``storeOutagePatience``.
    func appendRetrying(_ entries: [JournalEntry], ending: Bool) async throws(StoreError) {
        let clock = ContinuousClock()
        let giveUp = clock.now.advanced(by: Self.storeOutagePatience)
        var pause = Duration.milliseconds(50)
        var warned = false
        while true {
            do {
                if let lease, ending {
                    try await store.appendReleasing(instance: instanceId, entries, fencedBy: lease)
                    releasedLease.withLock { $0 = true }
                } else if let lease {
                    try await store.append(instance: instanceId, entries, fencedBy: lease)
                } else {
                    try await store.append(instance: instanceId, entries)
                }
                if warned { logger.notice("stored the journal events again", metadata: ["instance": "\(instanceId)"]) }
                return
            } catch {
                guard error.code == .io || error.code == .busy, clock.now < giveUp, !Task.isCancelled else {
                    throw error
                }
                if !warned {
                    warned = true
                    logger.warning(
                        "could not store journal events; trying again until the store answers",
                        metadata: ["instance": "\(instanceId)", "error": "\(error)"])
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
    }
}
