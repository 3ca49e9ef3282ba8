import DequeModule
import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Runs one instance to its end: feeds the scheduler's actions to actions and timers in one task group, and
/// writes each turn's journal events to the store in one append (group commit).
public struct InstanceRunner: Sendable {
    /// What a child task of the run reports.
    enum ChildResult: Sendable {
        case completed(step: Int, attempt: Int, outcome: StepOutcome)
        case timerFired(step: Int, attempt: Int)
        case cancelRequested
        case none
    }

    let instanceId: String
    let workflowId: String
    let scheduler: Scheduler
    let actions: ActionTable
    let store: any InstanceStore
    let clock: any Clock<Duration>
    let logger: Logger
    let now: @Sendable () -> Date
    let observer: (@Sendable (String, [JournalEntry]) -> Void)?

    /// A runner for `scheduler`, whose instance is already created in `store`.
    public init(
        scheduler: Scheduler,
        actions: ActionTable,
        store: any InstanceStore,
        clock: any Clock<Duration>,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        observer: (@Sendable (String, [JournalEntry]) -> Void)? = nil
    ) {
        self.instanceId = scheduler.context.instanceId
        self.workflowId = scheduler.plan.workflowId
        self.scheduler = scheduler
        self.actions = actions
        self.store = store
        self.clock = clock
        self.logger = logger
        self.now = now
        self.observer = observer
    }

    /// Runs the instance until it finishes or is cancelled through `cancellation`.
    /// - Returns: the final status.
    public func run(cancellation: CancellationSignal = CancellationSignal()) async -> InstanceStatus {
        var scheduler = self.scheduler
        await withTaskGroup(of: ChildResult.self) { group in
            var transition = Transition()
            // The child that turns a cancel request into an event starts before the run first waits: an instance
            // that ends without waiting (only inline actions) never needs it, and a request made before it
            // starts is kept by the signal.
            var watchingCancellation = false
            var pending: Deque<SchedulerEvent> = [.start]
            var entries: [JournalEntry] = []
            var sequence = 0
            var finished = false
            while true {
                while let event = pending.popFirst() {
                    scheduler.handle(event, into: &transition)
                    let time = now()
                    for event in transition.events {
                        entries.append(JournalEntry(sequence: sequence, time: time, event: event))
                        sequence += 1
                    }
                    for action in transition.actions {
                        switch action {
                        case .runStep(let dispatch):
                            if let completion = perform(dispatch, in: &group) { pending.append(completion) }
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
                }
                await commit(&entries)
                if finished {
                    group.cancelAll()
                    break
                }
                if !watchingCancellation {
                    watchingCancellation = true
                    group.addTask { await cancellation.wait() ? .cancelRequested : .none }
                }
                guard let result = await group.next() else { break }
                switch result {
                case .completed(let step, let attempt, let outcome):
                    pending.append(.stepCompleted(step: step, attempt: attempt, outcome: outcome))
                case .timerFired(let step, let attempt):
                    pending.append(.timerFired(step: step, attempt: attempt))
                case .cancelRequested:
                    pending.append(.cancel)
                case .none:
                    break
                }
            }
        }
        return scheduler.status
    }

    /// Starts one attempt: inline actions run here and return their completion; others become a child task.
    private func perform(_ dispatch: StepDispatch, in group: inout TaskGroup<ChildResult>) -> SchedulerEvent? {
        let planned = scheduler.plan.steps[dispatch.step]
        let invocation = ActionInvocation(
            stepName: planned.name,
            actionId: planned.actionId,
            inputs: dispatch.inputs,
            attempt: dispatch.attempt,
            instanceId: instanceId,
            workflowId: workflowId,
            connectionLabel: planned.connectionLabel
        )
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
        group.addTask {
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
        .succeeded(outputs: result.outputs, branch: result.branch, variables: result.variables)
    }

    static func outcome(of error: ActionError) -> StepOutcome {
        if error.code == .canceled { return .canceled }
        return .failed(StepFailure(message: error.message, code: error.code.description))
    }

    private func commit(_ entries: inout [JournalEntry]) async {
        guard !entries.isEmpty else { return }
        observer?(instanceId, entries)
        do {
            try await store.append(instance: instanceId, entries)
        } catch {
            logger.error(
                "could not store journal events",
                metadata: ["instance": "\(instanceId)", "error": "\(error)", "count": "\(entries.count)"])
        }
        entries.removeAll(keepingCapacity: true)
    }
}
