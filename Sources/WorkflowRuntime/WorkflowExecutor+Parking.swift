import Foundation
import Logging
import WorkflowEngine
import WorkflowStore

extension WorkflowExecutor {
    /// Rebuilds parked instances from their journals when their earliest timer is due (or a cancel came), and
    /// releases the leases of those handed back, until shutdown.
    nonisolated func wakeParked() async {
        while true {
            for lease in parking.takeReleases() { try? await store.release(lease) }
            if stopped.isSet {
                for id in parking.handBackAll() { running.finish(id, status: .inProgress) }
                for lease in parking.takeReleases() { try? await store.release(lease) }
                return
            }
            let bell = parking.bell
            let (due, next) = parking.takeDue(now: now())
            for (id, parked) in due { await rebuild(id, parked) }
            if !due.isEmpty { continue }
            let wait = next.map {
                Duration.milliseconds(Int64(max(0, min($0.timeIntervalSince(now()), 3_600)) * 1_000))
            }
            _ = await sleep(wait ?? .seconds(3_600), on: clock, unless: bell)
        }
    }

    /// Carries parked instance `id` on from its journal, with the signal it had (a cancel that came meanwhile
    /// applies at once). Another process that took it over meanwhile keeps it; a store failure parks it again a
    /// second later.
    private nonisolated func rebuild(_ id: String, _ parked: ParkingLot.Parked) async {
        do {
            guard let summary = try await store.instance(id: id) else {
                running.finish(id, status: .instanceError)
                return
            }
            let actions = try actionTable(for: parked.plan)
            let lease = try await claim(id)
            let journal = try await store.journal(instance: id)
            guard
                let runner = await restoredRunner(
                    summary, plan: parked.plan, actions: actions, lease: lease, journal: journal)
            else {
                running.finish(id, status: try await store.instance(id: id)?.status ?? .instanceError)
                return
            }
            jobs.push(JobQueue.Job(runner: runner, signal: parked.signal))
        } catch let error as RuntimeError where error.code == .owned {
            running.finish(id, status: .inProgress)
        } catch {
            logger.warning(
                "could not wake a parked instance; trying again", metadata: ["instance": "\(id)", "error": "\(error)"])
            var again = parked
            again.due = now().addingTimeInterval(1)
            parking.park(id, again)
        }
    }

    /// Hands every parked instance back (a shutdown or a drain): their waiters see them unfinished and their
    /// leases are released.
    nonisolated func unparkAll() {
        for id in parking.handBackAll() { running.finish(id, status: .inProgress) }
    }

    /// How many instances are parked here.
    public nonisolated var parkedCount: Int { parking.count }
}
