import Foundation
import Logging
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension OwnershipOptions {
    /// Claims instance `id` in `store` for ``owner``. A holder that was a process of this machine and is gone
    /// (killed) holds nothing: its lease counts as expired now, instead of in up to a lease duration.
    /// - Throws: ``StoreError`` `leaseHeld` when a live process holds the instance; other store errors.
    public func claim(_ id: String, in store: any InstanceStore) async throws(StoreError) -> InstanceLease {
        do {
            return try await store.claim(instance: id, owner: owner, now: now(), expiresAt: expiry())
        } catch  where error.code == .leaseHeld {
            guard let held = try? await store.lease(instance: id), Self.isGone(held.owner) else { throw error }
            return try await store.claim(
                instance: id, owner: owner, now: max(now(), held.expiresAt), expiresAt: expiry())
        }
    }
}

extension WorkflowExecutor {
    /// Claims `id` for this executor.
    /// - Throws: ``RuntimeError`` `owned` when a live process holds it, `store` when the store fails.
    nonisolated func claim(_ id: String) async throws(RuntimeError) -> InstanceLease {
        do {
            return try await ownership.claim(id, in: store)
        } catch  where error.code == .leaseHeld {
            throw RuntimeError(.owned, error.message)
        } catch {
            throw RuntimeError(.store, "could not claim instance \(id): \(error)")
        }
    }

    /// Renews this executor's leases every heartbeat until it shut down and its last instance ended; an instance whose lease another process
    /// took over (this process was stalled past its lease) is stopped here without writing anything more.
    func keepLeases() async {
        while await sleep(ownership.heartbeat, on: ownership.clock, unless: drained) {
            // Only instances running before the renewal: one claimed meanwhile may not show in its answer yet.
            let before = running.ids
            let held: Set<String>
            do {
                held = try await store.renewLeases(owner: ownership.owner, expiresAt: ownership.expiry())
            } catch {
                logger.warning("could not renew instance leases", metadata: ["error": "\(error)"])
                continue
            }
            for id in before where !held.contains(id) && running.contains(id) {
                logger.warning("another process took instance \(id) over; stopping it here")
                running.signal(for: id)?.suspend()
                if parking.unpark(id) != nil { running.finish(id, status: .inProgress) }
            }
        }
    }

    /// Ends an instance whose resumptions kept dying (``OwnershipOptions/maxResumeAttempts``): it is marked
    /// `INSTANCE_ERROR` with code `QUARANTINED` and is not resumed again.
    func quarantine(_ lease: InstanceLease, journal: [JournalEntry]) async throws(RuntimeError) {
        let failure = InstanceFailure(
            step: nil,
            message:
                "quarantined: resuming this instance failed \(lease.takeovers - 1) times in a row (its process died "
                + "each time; the limit is \(ownership.maxResumeAttempts)); it is not resumed again",
            code: StepFailure.Codes.quarantined)
        let entry = JournalEntry(
            sequence: (journal.last?.sequence ?? -1) + 1, time: now(),
            event: .instanceFinished(status: .instanceError, outputs: .emptyObject, error: failure))
        do {
            try await store.append(instance: lease.instanceId, [entry], fencedBy: lease)
            try await store.release(lease)
        } catch {
            throw RuntimeError(.store, "could not quarantine instance \(lease.instanceId): \(error)")
        }
        observer?(lease.instanceId, [entry])
        throw RuntimeError(.quarantined, failure.message)
    }

    /// Sleeps `interval` on `clock`; `false` when `latch` was set first.
    nonisolated func sleep(_ interval: Duration, on clock: any Clock<Duration>, unless latch: StopSignal) async -> Bool
    {
        let stopped = latch
        return await withTaskGroup(of: Bool.self) { race in
            race.addTask {
                do {
                    try await clock.sleep(for: interval)
                    return true
                } catch {
                    return false
                }
            }
            race.addTask {
                await stopped.wait()
                return false
            }
            let first = await race.next() ?? false
            race.cancelAll()
            return first && !stopped.isSet
        }
    }
}
