import Synchronization
import WorkflowEngine

/// The instances an executor runs: each one's cancellation signal, and the tasks waiting for it to end.
///
/// Behind locks rather than on the executor actor, so starting and finishing an instance need no hop onto the
/// actor: with 1,000 instances starting at once, those hops queued every start and every end behind each other.
/// Ids are spread over shards by hash, so that concurrent starts and ends rarely wait for the same lock.
final class RunningInstances: Sendable {
    private struct Shard {
        var signals: [String: CancellationSignal] = [:]
        var waiters: [String: [CheckedContinuation<InstanceStatus?, Never>]] = [:]
    }

    /// One shard behind its own lock (`Mutex` cannot sit in an array itself).
    private final class Locked: Sendable {
        let shard = Mutex(Shard())
    }

    private let shards: [Locked] = (0..<16).map { _ in Locked() }

    private func shard(_ id: String) -> Locked {
        shards[Int(UInt(bitPattern: id.hashValue) % UInt(shards.count))]
    }

    /// Records that instance `id` runs, with `signal` to cancel or suspend it.
    func add(_ id: String, signal: CancellationSignal) {
        shard(id).shard.withLock { $0.signals[id] = signal }
    }

    /// Whether instance `id` runs here.
    func contains(_ id: String) -> Bool {
        shard(id).shard.withLock { $0.signals[id] != nil }
    }

    /// The signal of instance `id`, when it runs here.
    func signal(for id: String) -> CancellationSignal? {
        shard(id).shard.withLock { $0.signals[id] }
    }

    /// Whether no instance runs here.
    var isEmpty: Bool { shards.allSatisfy { locked in locked.shard.withLock { $0.signals.isEmpty } } }

    /// How many instances run here.
    var count: Int { shards.reduce(0) { total, locked in total + locked.shard.withLock { $0.signals.count } } }

    /// The ids of every instance running here.
    var ids: [String] {
        shards.flatMap { locked in locked.shard.withLock { Array($0.signals.keys) } }
    }

    /// The signals of every instance running here.
    var allSignals: [CancellationSignal] {
        shards.flatMap { locked in locked.shard.withLock { Array($0.signals.values) } }
    }

    /// Forgets instance `id` and wakes the tasks waiting for it with `status`.
    func finish(_ id: String, status: InstanceStatus) {
        let waiters = shard(id).shard.withLock { shard in
            shard.signals[id] = nil
            return shard.waiters.isEmpty ? nil : shard.waiters.removeValue(forKey: id)
        }
        for waiter in waiters ?? [] { waiter.resume(returning: status) }
    }

    /// Waits until instance `id` ends and returns its status; `nil` at once when it does not run here.
    func wait(for id: String) async -> InstanceStatus? {
        await withCheckedContinuation { (continuation: CheckedContinuation<InstanceStatus?, Never>) in
            let runs = shard(id).shard.withLock { shard in
                guard shard.signals[id] != nil else { return false }
                shard.waiters[id, default: []].append(continuation)
                return true
            }
            if !runs { continuation.resume(returning: nil) }
        }
    }
}
