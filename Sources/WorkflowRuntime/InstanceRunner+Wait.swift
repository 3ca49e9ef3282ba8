import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel

extension InstanceRunner {
    /// What starting a wait did.
    enum WaitStart {
        /// The inputs name no valid wait: the attempt's completion (a failure, as the action's own run gives).
        case failed(SchedulerEvent)
        /// The wait runs until this time (on the `now` time line; at most the instance's lifetime limit).
        case waiting(until: Date)
    }

    /// Starts the wait of a ``WaitingAction`` step (`core.sleep`) as a timer of the run: it ends `duration` after
    /// `since` (when the attempt's `stepStarted` entry was written), so a wait carried on from the journal after a
    /// restart or a park ends at its original deadline. The attempt then succeeds with `{}`, as the action does.
    /// Like every timer, a wait that would end past the instance's seven-day limit ends at the limit instead.
    func startWait(
        _ dispatch: StepDispatch, of action: any WaitingAction, since: Date, in group: inout TaskGroup<ChildResult>,
        stoppers: inout [UInt32: CancellationSignal], telemetry: InstanceTelemetry?
    ) -> WaitStart {
        let planned = plan.steps[dispatch.step]
        _ = telemetry?.attemptStarted(step: dispatch.step, attempt: dispatch.attempt)
        var invocation = ActionInvocation(
            stepName: planned.name, actionId: planned.actionId, inputs: dispatch.inputs, attempt: dispatch.attempt,
            instanceId: instanceId, workflowId: workflowId, connectionLabel: planned.connectionLabel)
        invocation.iteration = dispatch.iteration
        let duration: Duration
        do throws(ActionError) {
            duration = try action.waitDuration(of: invocation)
        } catch {
            return .failed(
                .stepCompleted(
                    step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token,
                    outcome: Self.outcome(of: error)))
        }
        let now = self.now()
        // Already waited (a wait carried on); a fresh wait started this turn waits its whole duration.
        let waited = now.timeIntervalSince(since)
        let left = max(waited > 0 ? duration.saturatingSubtracting(.seconds(waited)) : duration, .zero)
        let untilLimit = Self.duration(from: now, to: deadline)
        let expires = left >= untilLimit
        let wait = expires ? untilLimit : left
        let clock = self.clock
        let ending: ChildResult =
            expires
            ? .lifetimeExceeded : .slept(step: dispatch.step, attempt: dispatch.attempt, token: dispatch.token)
        let sleep: @Sendable () async -> ChildResult = {
            do {
                try await clock.sleep(for: wait)
                return ending
            } catch {
                return .none
            }
        }
        if actions.stoppable[dispatch.step] {
            let stop = CancellationSignal()
            stoppers[dispatch.token] = stop
            group.addTask { await Self.run(sleep, stoppedBy: stop) ?? .none }
        } else {
            group.addTask(operation: sleep)
        }
        return .waiting(until: min(deadline, now.addingTimeInterval(Self.seconds(wait))))
    }
}
