import Foundation
import Logging
import WorkflowEngine
import WorkflowStore

extension WorkflowExecutor {
    /// A worker's loop (docs/workers.md): until ``drain(timeout:)`` is called, claims unfinished instances no live
    /// process owns — new ones a `serve --no-execute` created, and those whose owner died (its lease expired) — up
    /// to `options.concurrency` held at once, and carries each on from its journal (``resume(_:plan:)``: finished
    /// steps never run again, steps that were running run again). Run ``run()`` beside it.
    ///
    /// At its first look it also takes instances whose owner was a process of this machine that is gone, without
    /// waiting for their leases to run out. Two workers may pick the same instance; the store's claim lets one
    /// win and the other moves on.
    /// - Parameter onClaim: called for each instance claimed.
    public nonisolated func claimWork(
        definitions: any DefinitionStore, options: ClaimOptions,
        onClaim: @escaping @Sendable (ClaimedInstance) -> Void = { _ in }
    ) async {
        // Instances that cannot run here (a spec version gone, an action missing): logged once, then left alone.
        var refused: Set<String> = []
        var firstLook = true
        repeat {
            let free = options.concurrency - running.count
            guard free > 0 else { continue }
            var candidates: [InstanceSummary]
            do {
                candidates = try await store.claimable(now: ownership.now(), limit: free + refused.count)
                if firstLook {
                    candidates += try await orphansOfGoneLocalProcesses(skipping: Set(candidates.map(\.id)))
                }
            } catch {
                logger.warning("could not look for instances to claim", metadata: ["error": "\(error)"])
                continue
            }
            firstLook = false
            let picked = candidates.filter { !refused.contains($0.id) && !running.contains($0.id) }.prefix(free)
            // Claimed side by side: a dead worker's instances are taken over in one round.
            await withTaskGroup(of: (String, Bool).self) { group in
                for summary in picked where !drainRequested.isSet {
                    group.addTask { (summary.id, await self.take(summary, definitions: definitions, onClaim: onClaim)) }
                }
                for await (id, runnable) in group where !runnable { refused.insert(id) }
            }
        } while await sleep(options.pollInterval, on: options.clock, unless: drainRequested)
    }

    /// Claims and carries on `summary`; `false` when it cannot run here (a missing spec version or action).
    private nonisolated func take(
        _ summary: InstanceSummary, definitions: any DefinitionStore,
        onClaim: @Sendable (ClaimedInstance) -> Void
    ) async -> Bool {
        do {
            let plan = try await pinnedPlan(of: summary, in: definitions)
            if case .resumed(let lease) = try await carryOn(summary, plan: plan) {
                onClaim(ClaimedInstance(instanceId: summary.id, epoch: lease.epoch, isTakeover: lease.takeovers > 0))
            }
        } catch let error as RuntimeError where error.code == .owned {
            // Another process claimed it first.
        } catch let error as RuntimeError where error.code == .quarantined {
            logger.error("quarantined an instance", metadata: ["instance": "\(summary.id)", "reason": "\(error)"])
        } catch let error as RuntimeError where error.code == .store {
            logger.warning("could not claim an instance", metadata: ["instance": "\(summary.id)", "error": "\(error)"])
        } catch {
            logger.error(
                "cannot run an instance here; leaving it to other processes",
                metadata: ["instance": "\(summary.id)", "reason": "\(error)"])
            return false
        }
        return true
    }

    /// Unfinished instances not in `skipping` whose lease is still live but whose owner was a process of this
    /// machine that no longer exists.
    private nonisolated func orphansOfGoneLocalProcesses(
        skipping: Set<String>
    ) async throws(StoreError) -> [InstanceSummary] {
        var found: [InstanceSummary] = []
        for summary in try await store.unfinished() where !skipping.contains(summary.id) {
            if let lease = try await store.lease(instance: summary.id), OwnershipOptions.isGone(lease.owner) {
                found.append(summary)
            }
        }
        return found
    }

    /// Whether ``drain(timeout:)`` has begun and asked every instance then running to start no new step.
    public nonisolated var isDraining: Bool { drainDelivered.isSet }

    /// Drains this executor (a worker's graceful shutdown): ``claimWork(definitions:options:onClaim:)`` stops
    /// claiming, every running instance starts no new step, and each is suspended — its lease released, so
    /// another process takes it at once — as soon as its running steps ended; what still runs after `timeout`
    /// is suspended then (its running steps run again elsewhere: at-least-once).
    /// - Returns: how many instances were still running at `timeout` and were suspended then.
    @discardableResult
    public nonisolated func drain(timeout: Duration) async -> Int {
        drainRequested.set()
        for signal in running.allSignals { signal.drain() }
        drainDelivered.set()
        unparkAll()
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !running.isEmpty, clock.now < deadline {
            try? await clock.sleep(for: .milliseconds(20))
        }
        let signals = running.allSignals
        for signal in signals { signal.suspend() }
        return signals.count
    }

    /// How many instances run here.
    public nonisolated var runningCount: Int { running.count }
}
