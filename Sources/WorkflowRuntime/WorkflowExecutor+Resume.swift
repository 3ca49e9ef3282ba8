import Foundation
import Logging
import Synchronization
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension WorkflowExecutor {
    /// Carries on an instance whose process died: its journal is replayed into a scheduler, steps that were
    /// running run again (at-least-once), timers resume with the time they had left, finished steps keep their
    /// outputs and never run again.
    /// - Parameters:
    ///   - summary: the unfinished instance, as stored.
    ///   - plan: the compiled spec version the instance pinned.
    ///
    /// The instance is claimed first (docs/ownership.md): only an instance whose owner is gone (its lease expired
    /// or was released) is taken. One whose resumptions kept dying is quarantined instead.
    /// - Returns: `false` when the journal shows nothing left to do.
    /// - Throws: ``RuntimeError`` `unknownAction` when a step's action is no longer registered, `store` when the
    ///   journal cannot be read, `owned` when a live process runs the instance, `quarantined` when it was just
    ///   quarantined.
    @discardableResult
    public func resume(_ summary: InstanceSummary, plan: ExecutionPlan) async throws(RuntimeError) -> Bool {
        switch try await carryOn(summary, plan: plan) {
        case .alreadyHere, .resumed: true
        case .finished: false
        }
    }

    /// What ``carryOn(_:plan:)`` did.
    enum Resumed {
        /// A runner of this executor has the instance already.
        case alreadyHere
        /// The journal shows nothing left to do.
        case finished
        /// Claimed with this lease and queued to run.
        case resumed(InstanceLease)
    }

    /// ``resume(_:plan:)``, saying what it did. An instance created and never started (its journal is empty: a
    /// `serve --no-execute` start, or a process that died before its first turn) starts from its trigger.
    nonisolated func carryOn(_ summary: InstanceSummary, plan: ExecutionPlan) async throws(RuntimeError) -> Resumed {
        // Resumed meanwhile (a child workflow step adopting its child, while `resumeUnfinished` goes through
        // the store): one runner per instance. The claim suspends, so a resume under way is waited for, not
        // repeated: the caller then finds the instance running (or ended).
        guard !running.contains(summary.id) else { return .alreadyHere }
        guard resuming.withLock({ $0.insert(summary.id).inserted }) else {
            while resuming.withLock({ $0.contains(summary.id) }) { try? await Task.sleep(for: .milliseconds(1)) }
            return .alreadyHere
        }
        defer { _ = resuming.withLock { $0.remove(summary.id) } }
        let actions = try actionTable(for: plan)
        let lease = try await claim(summary.id)
        let journal: [JournalEntry]
        do {
            journal = try await store.journal(instance: summary.id)
        } catch {
            throw RuntimeError(.store, "could not read the journal of \(summary.id): \(error)")
        }
        // Shell steps the dead owner started may still run: they end before any step runs again.
        let ended = await OrphanedProcesses.end(recordedIn: journal)
        if !ended.isEmpty {
            logger.notice(
                "ended process groups left running by the instance's previous process",
                metadata: ["instance": "\(summary.id)", "groups": "\(ended)"])
        }
        if lease.takeovers > ownership.maxResumeAttempts {
            try await quarantine(lease, journal: journal)
        }
        // Never started: it starts from its trigger (past its lifetime, the restored run below ends it at once).
        if journal.isEmpty, now() < InstanceRunner.deadline(from: summary.startedAt) {
            enqueue(freshRunner(summary, plan: plan, actions: actions, lease: lease))
            return .resumed(lease)
        }
        guard
            let runner = await restoredRunner(
                summary, plan: plan, actions: actions, lease: lease, journal: journal)
        else { return .finished }
        guard !running.contains(summary.id) else { return .alreadyHere }
        enqueue(runner)
        return .resumed(lease)
    }
}

extension WorkflowExecutor {
    /// A runner that carries `summary` on from `journal` under `lease`: steps that were running run again, timers
    /// and `core.sleep` waits get what was left of their waits. `nil` (the lease released) when the journal ends the instance.
    nonisolated func restoredRunner(
        _ summary: InstanceSummary, plan: ExecutionPlan, actions: ActionTable, lease: InstanceLease,
        journal: [JournalEntry]
    ) async -> InstanceRunner? {
        let context = InstanceContext(
            instanceId: summary.id, trigger: summary.inputs, source: summary.source,
            expressionEvaluator: expressionEvaluator)
        let (scheduler, restored) = Scheduler.restoring(
            plan: plan, trigger: summary.trigger, context: context, journal: journal.map(\.event))
        guard !restored.finished else {
            try? await store.release(lease)
            return nil
        }
        let now = self.now()
        var timers: [(step: Int, attempt: Int, token: UInt32, delay: Duration)] = []
        for timer in restored.timers {
            let name = plan.steps[timer.step].name
            let since = journal.last { entry in
                if case .stepWaiting(name, timer.attempt, _, _) = entry.event { return true }
                return false
            }
            let waited = since.map { Duration.seconds(max(0, now.timeIntervalSince($0.time))) } ?? .zero
            timers.append(
                (timer.step, timer.attempt, timer.token, max(.zero, timer.delay.saturatingSubtracting(waited))))
        }
        // A wait (`core.sleep`) goes on from its attempt's start instead of running again.
        var waitsSince: [UInt32: Date] = [:]
        for dispatch in restored.rerun where actions.kinds[dispatch.step] == .wait {
            let name = plan.steps[dispatch.step].name
            let started = journal.last { entry in
                if case .stepStarted(name, dispatch.attempt, _) = entry.event { return true }
                return false
            }
            if let started { waitsSince[dispatch.token] = started.time }
        }
        let base = InstanceRunner(
            scheduler: scheduler, actions: actions, store: store, clock: clock, logger: logger, now: self.now,
            observer: observer, slots: slots, lease: lease, startedAt: summary.startedAt, telemetry: telemetry,
            parkAfter: parkAfter)
        return InstanceRunner(
            restoring: base, resumption: .init(rerun: restored.rerun, timers: timers, waitsSince: waitsSince),
            firstSequence: (journal.last?.sequence ?? -1) + 1)
    }
}

extension WorkflowExecutor {
    /// Resumes every unfinished instance in the store (after a crash, a kill or a server's graceful shutdown),
    /// each on the spec version it pinned.
    /// - Returns: the ids resumed, and the instances that could not be (with why: a missing spec version, an
    ///   action no longer registered).
    public func resumeUnfinished(
        definitions: any DefinitionStore
    ) async -> (resumed: [String], failed: [(id: String, reason: String)]) {
        guard executes else { return ([], []) }
        let unfinished: [InstanceSummary]
        do {
            unfinished = try await store.unfinished()
        } catch {
            return ([], [("*", "could not list unfinished instances: \(error)")])
        }
        var resumed: [String] = []
        var failed: [(id: String, reason: String)] = []
        for summary in unfinished where !running.contains(summary.id) {
            do {
                let plan = try await pinnedPlan(of: summary, in: definitions)
                if try await resume(summary, plan: plan) { resumed.append(summary.id) }
            } catch let error as RuntimeError where error.code == .owned {
                // A live process runs it: not ours to resume.
                logger.info("instance \(summary.id) is owned by a live process; not resumed")
            } catch {
                failed.append((summary.id, "\(error)"))
            }
        }
        return (resumed, failed)
    }
}

extension WorkflowExecutor {
    /// The compiled spec version `summary` pinned, from `definitions` (through the plan cache).
    /// - Throws: ``RuntimeError`` `notFound` when the instance pins no version or the version is gone; store
    ///   and compile errors.
    nonisolated func pinnedPlan(
        of summary: InstanceSummary, in definitions: any DefinitionStore
    ) async throws
        -> ExecutionPlan
    {
        guard let version = summary.workflowVersion else {
            throw RuntimeError(.notFound, "the instance pins no workflow version")
        }
        guard let stored = try await definitions.version(version, of: summary.workflowId) else {
            throw RuntimeError(.notFound, "version \(version) of workflow \(summary.workflowId) is gone")
        }
        let name = try await definitions.workflow(id: summary.workflowId)?.workflow.name ?? ""
        return try plans.plan(spec: stored.spec, workflowId: summary.workflowId, name: name, version: version)
    }
}
