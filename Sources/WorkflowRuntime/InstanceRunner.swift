import CoreMetrics
import DequeModule
import Foundation
import Logging
import Synchronization
import Tracing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Runs one instance to its end: feeds the scheduler's actions to actions and timers in one task group, and
/// writes each turn's journal events to the store in one append (group commit).
///
/// A class, so that queuing it and capturing it in the run's closures retains one reference instead of copying
/// a dozen fields (the profile showed those copies at ~4 % of a run of 1,000 small instances).
public final class InstanceRunner: Sendable {
    /// What a child task of the run reports.
    enum ChildResult: Sendable {
        case completed(step: Int, attempt: Int, token: UInt32, outcome: StepOutcome)
        case timerFired(step: Int, attempt: Int, token: UInt32)
        /// The wait of a ``WaitingAction`` step (`core.sleep`) ended: the attempt succeeded.
        case slept(step: Int, attempt: Int, token: UInt32)
        /// A wait would have ended past the instance's seven-day limit: the limit came first.
        case lifetimeExceeded
        case cancelRequested
        /// A step's action spawned a process group (journaled, so a later resume or cancel can end it).
        case processStarted(step: String, group: Int32, startTime: UInt64)
        case suspendRequested
        /// Start nothing new; suspend once no action runs.
        case drainRequested
        case none
    }

    let instanceId: String
    let workflowId: String
    /// The compiled workflow the instance runs.
    let plan: ExecutionPlan
    /// The scheduler the run starts from (taken by the run: a runner runs once).
    let initial: SchedulerHandoff
    let actions: ActionTable
    let store: any InstanceStore
    let clock: any Clock<Duration>
    let logger: Logger
    let now: @Sendable () -> Date
    let observer: (@Sendable (String, [JournalEntry]) -> Void)?
    /// The executor-wide bound on actions in flight (`nil`: unbounded).
    let slots: ActionSlots?
    /// What a restored instance carries on with, instead of starting.
    let resumption: Resumption?
    /// The sequence number of the first journal entry this runner writes.
    let firstSequence: Int
    /// The ownership every journal write is fenced by (`nil`: unfenced writes, for callers that own the store).
    let lease: InstanceLease?
    /// When the instance reaches ``InstanceLifetime/maximum`` (on the `now` time line).
    let deadline: Date
    /// Where the run's metrics and spans go.
    let telemetry: Telemetry
    /// The trace context the instance's span continues (`traceparent`, …; empty: a trace of its own).
    let traceHeaders: [String: String]
    /// Park the run (``parkedUntil``) once nothing runs but timers and the earliest is at least this far off
    /// (`nil`: never).
    let parkAfter: Duration?
    /// Set when the run stopped to be parked: when its earliest timer is due (the executor rebuilds it from the
    /// journal then).
    let parkedUntil = Mutex<Date?>(nil)
    /// Set when the run's last append also released its lease (the executor has nothing left to release).
    let releasedLease = Mutex(false)

    /// A runner for `scheduler`, whose instance is already created in `store`.
    public init(
        scheduler: consuming Scheduler,
        actions: ActionTable,
        store: any InstanceStore,
        clock: any Clock<Duration>,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        observer: (@Sendable (String, [JournalEntry]) -> Void)? = nil,
        slots: ActionSlots? = nil,
        lease: InstanceLease? = nil,
        startedAt: Date? = nil,
        telemetry: Telemetry = .off,
        traceHeaders: [String: String] = [:],
        parkAfter: Duration? = nil
    ) {
        self.telemetry = telemetry
        self.traceHeaders = traceHeaders
        self.parkAfter = parkAfter
        self.lease = lease
        self.deadline = Self.deadline(from: startedAt ?? now())
        self.instanceId = scheduler.context.instanceId
        self.workflowId = scheduler.plan.workflowId
        self.plan = scheduler.plan
        self.initial = SchedulerHandoff(scheduler)
        self.actions = actions
        self.store = store
        self.clock = clock
        self.logger = logger
        self.now = now
        self.observer = observer
        self.slots = slots
        self.resumption = nil
        self.firstSequence = 0
    }

    /// A runner that carries on an instance restored from its journal (see ``WorkflowExecutor/resume(_:)``).
    init(restoring base: InstanceRunner, resumption: Resumption, firstSequence: Int) {
        self.telemetry = base.telemetry
        self.traceHeaders = base.traceHeaders
        self.parkAfter = base.parkAfter
        self.lease = base.lease
        self.deadline = base.deadline
        self.instanceId = base.instanceId
        self.workflowId = base.workflowId
        self.plan = base.plan
        self.initial = base.initial
        self.actions = base.actions
        self.store = base.store
        self.clock = base.clock
        self.logger = base.logger
        self.now = base.now
        self.observer = base.observer
        self.slots = base.slots
        self.resumption = resumption
        self.firstSequence = firstSequence
    }

    /// Work left over when a process died: steps to run again and timers with the time still to wait.
    public struct Resumption: Sendable {
        public var rerun: [StepDispatch]
        public var timers: [(step: Int, attempt: Int, token: UInt32, delay: Duration)]
        /// Dispatches of `rerun` (by token) that carry on a wait instead of running again (`core.sleep`): when
        /// their attempt started, from its `stepStarted` entry. They journal nothing new and end at their original
        /// deadline.
        public var waitsSince: [UInt32: Date]

        public init(
            rerun: [StepDispatch], timers: [(step: Int, attempt: Int, token: UInt32, delay: Duration)],
            waitsSince: [UInt32: Date] = [:]
        ) {
            self.rerun = rerun
            self.timers = timers
            self.waitsSince = waitsSince
        }
    }

    /// The first turn of a restored run: each step that was running starts again (journaled, at-least-once), but a
    /// wait (`core.sleep`) goes on from when it started; each timer restarts with what was left of its wait.
    func resumeTransition(_ resumption: Resumption) -> Transition {
        var transition = Transition()
        for dispatch in resumption.rerun {
            let name = plan.steps[dispatch.step].name
            if resumption.waitsSince[dispatch.token] == nil {
                transition.events.append(.stepStarted(step: name, attempt: dispatch.attempt, inputs: dispatch.inputs))
            }
            transition.actions.append(.runStep(dispatch))
        }
        for timer in resumption.timers {
            transition.actions.append(
                .startTimer(step: timer.step, attempt: timer.attempt, token: timer.token, delay: timer.delay))
        }
        return transition
    }

    /// Runs the instance until it finishes or is cancelled through `cancellation`. A runner runs once.
    /// - Returns: the final status (`IN_PROGRESS` when it was suspended, lost its lease, or when this runner
    ///   already ran).
    public func run(cancellation: CancellationSignal = CancellationSignal()) async -> InstanceStatus {
        guard initial.isAvailable else {
            logger.error("an instance runner runs once", metadata: ["instance": "\(instanceId)"])
            return .inProgress
        }
        let instrumentation =
            telemetry.isOff
            ? nil
            : InstanceTelemetry(
                telemetry, plan: plan, instanceId: instanceId, parent: traceHeaders, resumed: resumption != nil,
                mocked: actions.mocked)
        defer { instrumentation?.runEnded() }
        // Whether the run stopped before its end (suspended, or its lease lost): the instance is still unfinished.
        // The scheduler is a local of the group's body, not a variable the body captures: a captured variable lives
        // in a box, and reading it across the body's awaits copied the whole scheduler for every dispatch. It is
        // moved out of the handoff here, so no second reference keeps its per-instance arrays (the first turn would
        // copy them, and the copies would stay alive for the whole run).
        let (stoppedEarly, status) = await withTaskGroup(of: ChildResult.self) {
            group -> (Bool, InstanceStatus) in
            guard var scheduler = initial.take() else { return (true, .inProgress) }
            var transition = Transition()
            var pending: Deque<SchedulerEvent> = resumption == nil ? [.start] : []
            if let resumption {
                // Past the limit already (the process was down for days): the instance ends, nothing runs again.
                if now() >= deadline {
                    pending.append(.lifetimeExceeded)
                } else {
                    transition = resumeTransition(resumption)
                }
            }
            // The child that turns a cancel or suspend request, or a process group an action spawned, into an
            // event starts before the run first waits: an instance that ends without waiting (only inline actions)
            // never needs it, and what comes before it starts is kept by the signal.
            var watchingCancellation = false
            // The last request the watcher reported (it then waits for a later one, or for process groups).
            var seenRequest: CancellationSignal.Request?
            var entries: [JournalEntry] = []
            // Room for a run of inline steps (two entries each, and the end) without regrowing the array.
            entries.reserveCapacity(min(2 * plan.steps.count + 1, 1_024))
            // The stop handles of dispatches and timers the scheduler may cancel on their own (loop body steps),
            // by dispatch token.
            var stoppers: [UInt32: CancellationSignal] = [:]
            var sequence = firstSequence
            var finished = false
            // The per-instance journal budget (docs/limits.md): past it, the instance fails.
            var budget = JournalBudget()
            var overBudget = false
            // Actions running in child tasks (timers aside), and whether the run drains: it dispatches nothing
            // more (a dispatch left undone is journaled as started, so a resume runs it) and suspends once none runs.
            var actionsInFlight = 0
            var draining = false
            // Dispatches of steps that act outside the run, started after the turn's commit.
            var deferred: [StepDispatch] = []
            // When each pending timer is due (only when the run may park).
            var timersDue: [UInt32: Date] = [:]
            // When the waits a restored run carries on started (by dispatch token).
            var waitsSince = resumption?.waitsSince ?? [:]
            while true {
                repeat {
                    let time = now()
                    instrumentation?.observe(transition.events)
                    for event in transition.events {
                        entries.append(JournalEntry(sequence: sequence, time: time, event: event))
                        sequence += 1
                        if budget.add(event) { overBudget = true }
                    }
                    for action in transition.actions {
                        switch action {
                        case .runStep(let dispatch):
                            if draining { continue }
                            // A wait (`core.sleep`) is a timer from its `stepStarted` entry, not an action.
                            let kind = actions.kinds[dispatch.step]
                            if kind == .wait, let wait = actions.waits[dispatch.step] {
                                let since = waitsSince.removeValue(forKey: dispatch.token) ?? time
                                switch startWait(
                                    dispatch, of: wait, since: since, in: &group, stoppers: &stoppers,
                                    telemetry: instrumentation)
                                {
                                case .failed(let completion): pending.append(completion)
                                case .waiting(let due): if parkAfter != nil { timersDue[dispatch.token] = due }
                                }
                                continue
                            }
                            // A step that acts outside the run starts once its dispatch is committed (below).
                            guard kind == .inline else {
                                deferred.append(dispatch)
                                continue
                            }
                            if let completion = perform(
                                dispatch, context: contextRoots(dispatch, of: scheduler), in: &group,
                                stoppers: &stoppers, inbox: cancellation,
                                telemetry: instrumentation)
                            {
                                pending.append(completion)
                            } else {
                                actionsInFlight += 1
                            }
                        case .startTimer(let step, let attempt, let token, let delay):
                            startTimer(
                                step: step, attempt: attempt, token: token, delay: delay, in: &group,
                                stoppers: &stoppers)
                            if parkAfter != nil {
                                timersDue[token] = min(deadline, now().addingTimeInterval(Self.seconds(delay)))
                            }
                        case .cancelStep(_, _, let token), .cancelTimer(_, _, let token):
                            // A loop body step whose iteration failed: its task is cancelled now (a shell step's
                            // process group ends). Other steps are only cancelled by a terminating turn, whose
                            // `.finish` cancels every child.
                            stoppers.removeValue(forKey: token)?.cancel()
                            timersDue[token] = nil
                        case .finish:
                            finished = true
                        }
                    }
                    transition.removeAll()
                    if overBudget, scheduler.status == .inProgress {
                        scheduler.abort(budget.failure, into: &transition)
                        continue
                    }
                    guard let event = pending.popFirst() else { break }
                    scheduler.handle(event, into: &transition)
                } while true
                guard await commit(&entries, ending: finished, telemetry: instrumentation) else {
                    // Another process owns the instance now: stop here, write nothing more, run nothing more.
                    group.cancelAll()
                    return (true, .inProgress)
                }
                if finished {
                    group.cancelAll()
                    break
                }
                // Their dispatch is in the journal now: a process that lost the instance before this commit never
                // starts a step the journal does not show, and a resume sees every step that may have run.
                for dispatch in deferred {
                    if let completion = perform(
                        dispatch, context: contextRoots(dispatch, of: scheduler), in: &group, stoppers: &stoppers,
                        inbox: cancellation,
                        telemetry: instrumentation)
                    {
                        pending.append(completion)
                    } else {
                        actionsInFlight += 1
                    }
                }
                deferred.removeAll()
                // A step that failed before starting (no connection, inputs too large) is handled in a new turn.
                if !pending.isEmpty { continue }
                if draining && actionsInFlight == 0 {
                    // Drained: what is left (timers, undone dispatches) resumes from the journal elsewhere.
                    group.cancelAll()
                    return (true, .inProgress)
                }
                if let parkAfter, actionsInFlight == 0, !cancellation.hasRequest, let due = timersDue.values.min(),
                    due.timeIntervalSince(now()) >= Self.seconds(parkAfter)
                {
                    // Only timers left, the first far off: the journal holds the run; it is rebuilt when due.
                    parkedUntil.withLock { $0 = due }
                    group.cancelAll()
                    return (true, .inProgress)
                }
                if !watchingCancellation {
                    watchingCancellation = true
                    Self.watch(cancellation, after: nil, in: &group)
                }
                guard let result = await group.next() else { break }
                // The watcher forwards a drain as an event, which may come after a completion that would dispatch
                // the next step: the signal itself is read first.
                if !draining, cancellation.isDraining { draining = true }
                switch result {
                case .completed(let step, let attempt, let token, let outcome):
                    actionsInFlight -= 1
                    if !stoppers.isEmpty { stoppers.removeValue(forKey: token) }
                    pending.append(.stepCompleted(step: step, attempt: attempt, token: token, outcome: outcome))
                case .timerFired(let step, let attempt, let token):
                    timersDue[token] = nil
                    if !stoppers.isEmpty { stoppers.removeValue(forKey: token) }
                    pending.append(.timerFired(step: step, attempt: attempt, token: token))
                case .slept(let step, let attempt, let token):
                    timersDue[token] = nil
                    if !stoppers.isEmpty { stoppers.removeValue(forKey: token) }
                    pending.append(
                        .stepCompleted(
                            step: step, attempt: attempt, token: token, outcome: Self.outcome(of: ActionResult())))
                case .lifetimeExceeded:
                    pending.append(.lifetimeExceeded)
                case .cancelRequested:
                    pending.append(.cancel)
                    // Process groups spawned after the cancel are still journaled.
                    seenRequest = .cancel
                    Self.watch(cancellation, after: .cancel, in: &group)
                case .suspendRequested:
                    // Everything decided so far is committed; in-flight actions stop and run again on resume.
                    group.cancelAll()
                    return (true, .inProgress)
                case .drainRequested:
                    draining = true
                    seenRequest = .drain
                    Self.watch(cancellation, after: .drain, in: &group)
                case .processStarted(let step, let processGroup, let startTime):
                    transition.events.append(
                        .stepProcessStarted(step: step, processGroup: processGroup, startTime: startTime))
                    Self.watch(cancellation, after: seenRequest, in: &group)
                case .none:
                    break
                }
            }
            return (false, scheduler.status)
        }
        return stoppedEarly ? .inProgress : status
    }

    /// Waits in a child task for the next request on `cancellation` other than `seen`, or the next process group
    /// an action reports on it (one at a time: the run watches again after each).
    private static func watch(
        _ cancellation: CancellationSignal, after seen: CancellationSignal.Request?,
        in group: inout TaskGroup<ChildResult>
    ) {
        group.addTask {
            switch await cancellation.next(after: seen) {
            case .request(.cancel)?: return .cancelRequested
            case .request(.suspend)?: return .suspendRequested
            case .request(.drain)?: return .drainRequested
            case .process(let started)?:
                return .processStarted(step: started.step, group: started.group, startTime: started.startTime)
            case nil: return .none
            }
        }
    }

    /// Starts a timer on the run's clock. A wait that would end past the instance's seven-day limit ends at the
    /// limit instead, with ``ChildResult/lifetimeExceeded`` (so no clock is ever asked to sleep for longer).
    private func startTimer(
        step: Int, attempt: Int, token: UInt32, delay: Duration, in group: inout TaskGroup<ChildResult>,
        stoppers: inout [UInt32: CancellationSignal]
    ) {
        let clock = self.clock
        let metrics = telemetry.metrics
        metrics?.timers.increment(by: 1)
        let remaining = Self.duration(from: now(), to: deadline)
        let expires = delay >= remaining
        let wait = expires ? remaining : max(delay, .zero)
        let sleep: @Sendable () async -> ChildResult = {
            defer { metrics?.timers.decrement(by: 1) }
            do {
                try await clock.sleep(for: wait)
                return expires ? .lifetimeExceeded : .timerFired(step: step, attempt: attempt, token: token)
            } catch {
                return .none
            }
        }
        guard actions.stoppable[step] else {
            group.addTask(operation: sleep)
            return
        }
        let stop = CancellationSignal()
        stoppers[token] = stop
        group.addTask { await Self.run(sleep, stoppedBy: stop) ?? .none }
    }

    /// The template roots a context-reading action gets, from `scheduler` as it is after the turn that dispatched
    /// the step; `nil` for every other action.
    private func contextRoots(_ dispatch: StepDispatch, of scheduler: borrowing Scheduler) -> [String: JSONValue]? {
        actions.readsContext[dispatch.step] ? scheduler.templateRoots(for: dispatch.step) : nil
    }

    /// Starts one attempt: inline actions run here and return their completion; others become a child task.
    /// `context` is what a context-reading action reads (``contextRoots(_:of:)``).
    private func perform(
        _ dispatch: StepDispatch, context: [String: JSONValue]?, in group: inout TaskGroup<ChildResult>,
        stoppers: inout [UInt32: CancellationSignal], inbox: CancellationSignal, telemetry: InstanceTelemetry?
    ) -> SchedulerEvent? {
        // The fields used, not the whole planned step: copying it retains every field it has.
        let steps = plan.steps
        let (stepName, actionId) = (steps[dispatch.step].name, steps[dispatch.step].actionId)
        let trace = telemetry?.attemptStarted(step: dispatch.step, attempt: dispatch.attempt)
        if let missing = actions.connectionErrors[dispatch.step] {
            let failure = StepFailure(message: missing.message, code: missing.code.description)
            return .stepCompleted(
                step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token, outcome: .failed(failure))
        }
        var invocation = ActionInvocation(
            stepName: stepName,
            actionId: actionId,
            inputs: dispatch.inputs,
            attempt: dispatch.attempt,
            instanceId: instanceId,
            workflowId: workflowId,
            connectionLabel: steps[dispatch.step].connectionLabel,
            connection: actions.connections[dispatch.step]
        )
        invocation.iteration = dispatch.iteration
        if let trace { invocation.traceHeaders = trace.headers }
        if let failure = JournalBudget.oversized(.object(dispatch.inputs), "rendered inputs") {
            return .stepCompleted(
                step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token, outcome: .failed(failure))
        }
        if let context { invocation.context = context }
        if actions.kinds[dispatch.step] == .inline, let inline = actions.inline[dispatch.step] {
            let outcome: StepOutcome
            do {
                outcome = Self.outcome(of: try inline.runInline(invocation))
            } catch {
                outcome = Self.outcome(of: error)
            }
            return .stepCompleted(
                step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token, outcome: outcome)
        }
        invocation.processStarted = { processGroup, startTime in
            inbox.report(.init(step: stepName, group: processGroup.id, startTime: startTime))
        }
        let action = actions.actions[dispatch.step]
        let slots = self.slots
        let (logger, instanceId) = (self.logger, self.instanceId)
        let run: @Sendable () async -> ChildResult = { [invocation] in
            // The executor-wide bound on actions in flight; waiting for a slot ends if the run is cancelled.
            guard await slots?.acquire() ?? true else {
                return .completed(
                    step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token, outcome: .canceled)
            }
            defer { slots?.release() }
            let outcome: StepOutcome
            do throws(ActionError) {
                outcome = Self.outcome(of: try await action.run(invocation))
            } catch {
                outcome = Self.outcome(of: error)
            }
            logger.debug(
                "step attempt ended",
                metadata: [
                    "instance": "\(instanceId)", "step": "\(stepName)", "attempt": "\(dispatch.attempt)",
                    "outcome": "\(outcome.label)",
                ])
            return .completed(step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token, outcome: outcome)
        }
        // Inside the attempt's span, the action's log lines carry its trace and span ids.
        let attempt: @Sendable () async -> ChildResult
        if let context = trace?.context {
            attempt = { await ServiceContext.withValue(context) { await run() } }
        } else {
            attempt = run
        }
        guard actions.stoppable[dispatch.step] else {
            group.addTask(operation: attempt)
            return nil
        }
        let stop = CancellationSignal()
        stoppers[dispatch.token] = stop
        let canceled = ChildResult.completed(
            step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token, outcome: .canceled)
        group.addTask { await Self.run(attempt, stoppedBy: stop) ?? canceled }
        return nil
    }

    /// Runs `body` in a task of its own until it ends, or until `stop` fires: then that task is cancelled (a
    /// shell step's process group is ended) and its answer, whatever it is, is still returned once it ends (the
    /// scheduler drops it: the step was canceled). `nil` only when the race itself was cancelled first.
    static func run(
        _ body: @escaping @Sendable () async -> ChildResult, stoppedBy stop: CancellationSignal
    ) async -> ChildResult? {
        await withTaskGroup(of: ChildResult?.self) { race in
            race.addTask { await body() }
            race.addTask {
                _ = await stop.wait()
                return nil
            }
            var answer: ChildResult?
            while let next = await race.next() {
                if let next { answer = next }
                race.cancelAll()
            }
            return answer
        }
    }

    static func outcome(of result: ActionResult) -> StepOutcome {
        if let failure = JournalBudget.oversized(result.outputs, "outputs") { return .failed(failure) }
        return .succeeded(outputs: result.outputs, branch: result.branch, variables: result.variables)
    }

    static func outcome(of error: ActionError) -> StepOutcome {
        if error.code == .canceled { return .canceled }
        return .failed(StepFailure(message: error.message, code: error.code.description))
    }

    /// Appends the turn's entries to the store and empties `entries`, letting its buffer go: after a commit the
    /// run usually waits, and a waiting instance should hold no journal buffer (a store that keeps the array, as
    /// the memory store does, would make keeping its capacity cost a second buffer of the first turn's size).
    /// The append that ends the run (`ending`) also releases the lease, in the same write.
    /// - Returns: `false` when the store refused the write because another process owns the instance now.
    private func commit(
        _ entries: inout [JournalEntry], ending: Bool, telemetry: InstanceTelemetry?
    ) async -> Bool {
        guard !entries.isEmpty else { return true }
        let started = telemetry == nil ? nil : ContinuousClock.now
        do {
            try await appendRetrying(entries, ending: ending)
        } catch {
            if error.code == .leaseLost {
                logger.warning(
                    "another process owns the instance now; this process stops running it",
                    metadata: ["instance": "\(instanceId)", "epoch": "\(lease?.epoch ?? 0)"])
                return false
            }
            logger.error(
                "could not store journal events",
                metadata: ["instance": "\(instanceId)", "error": "\(error)", "count": "\(entries.count)"])
        }
        if let telemetry, let started { telemetry.committed(entries: entries.count, took: .now - started) }
        observer?(instanceId, entries)
        entries = []
        return true
    }

    /// `duration` in seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// When an instance started at `start` reaches ``InstanceLifetime/maximum``.
    static func deadline(from start: Date) -> Date {
        start.addingTimeInterval(Double(InstanceLifetime.maximum.components.seconds))
    }

    /// The time from `now` to `deadline`, never negative.
    static func duration(from now: Date, to deadline: Date) -> Duration {
        let seconds = deadline.timeIntervalSince(now)
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return .milliseconds(Int64(min(seconds, 1e12) * 1000))
    }
}
