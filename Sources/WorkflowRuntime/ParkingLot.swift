import Foundation
import Synchronization
import WorkflowEngine
import WorkflowStore

/// Instances an executor parked: each waits only on timers, its state is its journal, and all it keeps in memory
/// is this entry (its runner, scheduler and task group are gone) until its earliest timer is due, a cancel comes,
/// or it is handed back (docs/workers.md).
final class ParkingLot: Sendable {
    /// What a parked instance keeps.
    struct Parked: Sendable {
        /// When its earliest timer is due (on the executor's `now` time line).
        var due: Date
        /// The spec version it runs (shared with every instance of that version).
        var plan: ExecutionPlan
        /// Its signal: cancel requests wait in it for the rebuilt runner, and waiters stay registered.
        var signal: CancellationSignal
        /// Its lease, still held and renewed by the heartbeat.
        var lease: InstanceLease
    }

    private struct State {
        var parked: [String: Parked] = [:]
        /// The earliest due time of `parked` (kept as instances park, found again when one leaves), so a look at
        /// what is due costs nothing while nothing is: a burst of parks does not scan the lot once per park.
        var earliest: Date?
        /// Leases of instances handed back while parked, for the waking loop to release.
        var toRelease: [InstanceLease] = []
        /// Rung when something changes: the waking loop looks again.
        var bell = StopSignal()
    }

    private let state = Mutex(State())

    /// How many instances are parked.
    var count: Int { state.withLock { $0.parked.count } }

    /// Parks instance `id`.
    func park(_ id: String, _ parked: Parked) {
        state.withLock { state in
            let replaced = state.parked.updateValue(parked, forKey: id)
            if let replaced, replaced.due == state.earliest {
                state.earliest = state.parked.values.lazy.map(\.due).min()
            } else {
                state.earliest = min(state.earliest ?? parked.due, parked.due)
            }
        }
        ring()
    }

    /// Takes instance `id` out of the lot, if parked.
    func unpark(_ id: String) -> Parked? {
        state.withLock { state in
            let parked = state.parked.removeValue(forKey: id)
            if let parked, parked.due == state.earliest { state.earliest = state.parked.values.lazy.map(\.due).min() }
            return parked
        }
    }

    /// Makes instance `id` due now (a cancel came), if parked.
    func wakeNow(_ id: String) {
        let parked = state.withLock { state -> Bool in
            guard state.parked[id] != nil else { return false }
            state.parked[id]?.due = .distantPast
            state.earliest = .distantPast
            return true
        }
        if parked { ring() }
    }

    /// Takes every instance out to be handed back: returns their ids; their leases wait in ``takeReleases()``.
    func handBackAll() -> [String] {
        let ids = state.withLock { state -> [String] in
            state.toRelease += state.parked.values.map(\.lease)
            defer {
                state.parked.removeAll()
                state.earliest = nil
            }
            return Array(state.parked.keys)
        }
        ring()
        return ids
    }

    /// The leases of instances handed back, to release.
    func takeReleases() -> [InstanceLease] {
        state.withLock { state in
            defer { state.toRelease.removeAll() }
            return state.toRelease
        }
    }

    /// Takes out the instances due at `now`, and says when the next one is due.
    func takeDue(now: Date) -> (due: [(String, Parked)], next: Date?) {
        state.withLock { state in
            guard let earliest = state.earliest, earliest <= now else { return ([], state.earliest) }
            let due = state.parked.filter { $0.value.due <= now }
            for id in due.keys { state.parked.removeValue(forKey: id) }
            state.earliest = state.parked.values.lazy.map(\.due).min()
            return (due.map { ($0.key, $0.value) }, state.earliest)
        }
    }

    /// The bell to wait on until the next change.
    var bell: StopSignal { state.withLock { $0.bell } }

    /// Wakes the waking loop.
    func ring() {
        let rung = state.withLock { state -> StopSignal in
            defer { state.bell = StopSignal() }
            return state.bell
        }
        rung.set()
    }
}
