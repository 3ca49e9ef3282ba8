import DequeModule
import Foundation
import Logging
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
        case completed(step: Int, attempt: Int, outcome: StepOutcome)
        case timerFired(step: Int, attempt: Int)
        case cancelRequested
        case suspendRequested
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

    /// A runner for `scheduler`, whose instance is already created in `store`.
    public init(
        scheduler: consuming Scheduler,
        actions: ActionTable,
        store: any InstanceStore,
        clock: any Clock<Duration>,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        observer: (@Sendable (String, [JournalEntry]) -> Void)? = nil,
        slots: ActionSlots? = nil
    ) {
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
        public var timers: [(step: Int, attempt: Int, delay: Duration)]

        public init(rerun: [StepDispatch], timers: [(step: Int, attempt: Int, delay: Duration)]) {
            self.rerun = rerun
            self.timers = timers
        }
    }

    /// The first turn of a restored run: each step that was running starts again (journaled, at-least-once);
    /// each timer restarts with what was left of its wait.
    func resumeTransition(_ resumption: Resumption) -> Transition {
        var transition = Transition()
        for dispatch in resumption.rerun {
            let name = plan.steps[dispatch.step].name
            transition.events.append(.stepStarted(step: name, attempt: dispatch.attempt, inputs: dispatch.inputs))
            transition.actions.append(.runStep(dispatch))
        }
        for timer in resumption.timers {
            transition.actions.append(.startTimer(step: timer.step, attempt: timer.attempt, delay: timer.delay))
        }
        return transition
    }

    /// Runs the instance until it finishes or is cancelled through `cancellation`. A runner runs once.
    /// - Returns: the final status (`IN_PROGRESS` when it was suspended, or when this runner already ran).
    public func run(cancellation: CancellationSignal = CancellationSignal()) async -> InstanceStatus {
        guard var scheduler = initial.take() else {
            logger.error("an instance runner runs once", metadata: ["instance": "\(instanceId)"])
            return .inProgress
        }
        await withTaskGroup(of: ChildResult.self) { group in
            var transition = resumption.map(resumeTransition) ?? Transition()
            // The child that turns a cancel or suspend request into an event starts before the run first waits:
            // an instance that ends without waiting (only inline actions) never needs it, and a request made
            // before it starts is kept by the signal.
            var watchingCancellation = false
            var pending: Deque<SchedulerEvent> = resumption == nil ? [.start] : []
            var entries: [JournalEntry] = []
            // Room for a run of inline steps (two entries each, and the end) without regrowing the array.
            entries.reserveCapacity(min(2 * plan.steps.count + 1, 1_024))
            var sequence = firstSequence
            var finished = false
            // The per-instance journal budget (docs/limits.md): past it, the instance fails.
            var budget = JournalBudget()
            var overBudget = false
            while true {
                repeat {
                    let time = now()
                    for event in transition.events {
                        entries.append(JournalEntry(sequence: sequence, time: time, event: event))
                        sequence += 1
                        if budget.add(event) { overBudget = true }
                    }
                    for action in transition.actions {
                        switch action {
                        case .runStep(let dispatch):
                            if let completion = perform(dispatch, of: scheduler, in: &group) {
                                pending.append(completion)
                            }
                        case .startTimer(let step, let attempt, let delay):
                            let clock = self.clock
                            group.addTask {
                                do {
                                    try await clock.sleep(for: delay)
                                    return .timerFired(step: step, attempt: attempt)
                                } catch {
                                    return .none
                                }
                            }
                        case .cancelStep, .cancelTimer:
                            break  // a terminating turn always ends with .finish, which cancels every child
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
                await commit(&entries, reusing: !finished)
                if finished {
                    group.cancelAll()
                    break
                }
                if !watchingCancellation {
                    watchingCancellation = true
                    group.addTask {
                        switch await cancellation.wait() {
                        case .cancel?: return .cancelRequested
                        case .suspend?: return .suspendRequested
                        case nil: return .none
                        }
                    }
                }
                guard let result = await group.next() else { break }
                switch result {
                case .completed(let step, let attempt, let outcome):
                    pending.append(.stepCompleted(step: step, attempt: attempt, outcome: outcome))
                case .timerFired(let step, let attempt):
                    pending.append(.timerFired(step: step, attempt: attempt))
                case .cancelRequested:
                    pending.append(.cancel)
                case .suspendRequested:
                    // Everything decided so far is committed; in-flight actions stop and run again on resume.
                    group.cancelAll()
                    return
                case .none:
                    break
                }
            }
        }
        return scheduler.status
    }

    /// Starts one attempt: inline actions run here and return their completion; others become a child task.
    /// `scheduler` is the live one (after the turn that dispatched the step): context-reading actions get its roots.
    private func perform(
        _ dispatch: StepDispatch, of scheduler: Scheduler, in group: inout TaskGroup<ChildResult>
    ) -> SchedulerEvent? {
        let planned = scheduler.plan.steps[dispatch.step]
        if let missing = actions.connectionErrors[dispatch.step] {
            let failure = StepFailure(message: missing.message, code: missing.code.description)
            return .stepCompleted(step: dispatch.step, attempt: dispatch.attempt, outcome: .failed(failure))
        }
        var invocation = ActionInvocation(
            stepName: planned.name,
            actionId: planned.actionId,
            inputs: dispatch.inputs,
            attempt: dispatch.attempt,
            instanceId: instanceId,
            workflowId: workflowId,
            connectionLabel: planned.connectionLabel,
            connection: actions.connections[dispatch.step]
        )
        invocation.iteration = dispatch.iteration
        if let failure = JournalBudget.oversized(.object(dispatch.inputs), "rendered inputs") {
            return .stepCompleted(step: dispatch.step, attempt: dispatch.attempt, outcome: .failed(failure))
        }
        if actions.readsContext[dispatch.step] { invocation.context = scheduler.templateRoots(for: dispatch.step) }
        if let inline = actions.inline[dispatch.step] {
            let outcome: StepOutcome
            do {
                outcome = Self.outcome(of: try inline.runInline(invocation))
            } catch {
                outcome = Self.outcome(of: error)
            }
            return .stepCompleted(step: dispatch.step, attempt: dispatch.attempt, outcome: outcome)
        }
        let action = actions.actions[dispatch.step]
        let slots = self.slots
        group.addTask {
            // The executor-wide bound on actions in flight; waiting for a slot ends if the run is cancelled.
            guard await slots?.acquire() ?? true else {
                return .completed(step: dispatch.step, attempt: dispatch.attempt, outcome: .canceled)
            }
            defer { slots?.release() }
            let outcome: StepOutcome
            do throws(ActionError) {
                outcome = Self.outcome(of: try await action.run(invocation))
            } catch {
                outcome = Self.outcome(of: error)
            }
            return .completed(step: dispatch.step, attempt: dispatch.attempt, outcome: outcome)
        }
        return nil
    }

    static func outcome(of result: ActionResult) -> StepOutcome {
        if let failure = JournalBudget.oversized(result.outputs, "outputs") { return .failed(failure) }
        return .succeeded(outputs: result.outputs, branch: result.branch, variables: result.variables)
    }

    static func outcome(of error: ActionError) -> StepOutcome {
        if error.code == .canceled { return .canceled }
        return .failed(StepFailure(message: error.message, code: error.code.description))
    }

    /// Appends the turn's entries to the store and empties `entries`, keeping its capacity for the next turn when
    /// `reusing` (a store that keeps the array, as the memory store does, makes keeping it cost a new buffer).
    private func commit(_ entries: inout [JournalEntry], reusing: Bool) async {
        guard !entries.isEmpty else { return }
        do {
            try await store.append(instance: instanceId, entries)
        } catch {
            logger.error(
                "could not store journal events",
                metadata: ["instance": "\(instanceId)", "error": "\(error)", "count": "\(entries.count)"])
        }
        observer?(instanceId, entries)
        entries.removeAll(keepingCapacity: reusing)
    }
}
