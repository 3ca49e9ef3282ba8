import WorkflowModel

extension Scheduler {
    /// What a restored instance must do to carry on after its process died.
    public struct Resumption: Sendable {
        /// Steps whose action was running: they run again (at-least-once), with their inputs rendered anew.
        public var rerun: [StepDispatch]
        /// Steps waiting on a timer: the timer restarts; the runtime subtracts the time already waited.
        public var timers: [(step: Int, attempt: Int, token: UInt32, delay: Duration)]
        /// Whether the journal already ends the instance (nothing to do).
        public var finished: Bool
    }

    /// Rebuilds a scheduler from its journal, as it stood when the last event was written.
    ///
    /// The scheduler is deterministic, so feeding it the inputs the journal implies — each completion with the
    /// outputs and branch recorded, each failure, each timer that fired (a new attempt after a wait), the
    /// cancel — brings it to the same state; the events it emits again are discarded (they are in the journal
    /// already). Variables recorded by a step are given back with that step's completion.
    /// - Returns: the scheduler and what is left to do.
    public static func restoring(
        plan: ExecutionPlan, trigger: TriggerKind, context: InstanceContext, journal: [InstanceEvent]
    ) -> (Scheduler, Resumption) {
        var scheduler = Scheduler(plan: plan, trigger: trigger, context: context)
        var scratch = Transition()
        scheduler.handle(.start, into: &scratch)
        var variables: [Int: [String: JSONValue]] = [:]
        var gateOutputs: [Int: (outputs: JSONValue, branch: String)] = [:]
        for event in journal {
            scratch.removeAll()
            guard scheduler.status == .inProgress else { break }
            scheduler.replay(event, variables: &variables, gateOutputs: &gateOutputs, into: &scratch)
        }
        var resumption = Resumption(rerun: [], timers: [], finished: scheduler.status != .inProgress)
        guard !resumption.finished else { return (scheduler, resumption) }
        for step in scheduler.slots.indices {
            let attempt = Int(scheduler.slots[step].attempt)
            switch scheduler.slots[step].phase {
            case .running where plan.steps[step].control == nil:  // a loop step runs no action of its own
                let inputs =
                    (try? plan.steps[step].parameters.render(in: scheduler.templateContext(for: step))) ?? [:]
                resumption.rerun.append(
                    StepDispatch(
                        step: step, attempt: attempt, inputs: inputs, iteration: scheduler.iteration(of: step),
                        token: scheduler.slots[step].token))
            case .waiting:
                resumption.timers.append((step, attempt, scheduler.slots[step].token, scheduler.waitDelay(of: step)))
            default:
                break
            }
        }
        return (scheduler, resumption)
    }

    /// The delay of the wait step `step` is in (its gate's or its error handler's interval).
    func waitDelay(of step: Int) -> Duration {
        let planned = plan.steps[step]
        if slots[step].gateAttempts == 0, let handler = planned.errorHandler { return handler.interval }
        return planned.completionGate?.retryStrategy.interval ?? planned.errorHandler?.interval ?? .zero
    }

    private mutating func replay(
        _ event: InstanceEvent,
        variables: inout [Int: [String: JSONValue]],
        gateOutputs: inout [Int: (outputs: JSONValue, branch: String)],
        into scratch: inout Transition
    ) {
        guard let name = event.stepName, let step = plan.graph.indexByName[name] else {
            if case .instanceFinished(.canceled, _, _) = event { handle(.cancel, into: &scratch) }
            if case .instanceFinished(_, _, let failure?) = event, failure.code == StepFailure.Codes.instanceTimeout {
                handle(.lifetimeExceeded, into: &scratch)
            }
            return
        }
        let attempt = Int(slots[step].attempt)
        switch event {
        case .stepStarted(_, let recorded, _):
            // A new attempt after a wait means its timer fired.
            if slots[step].phase == .waiting, recorded == attempt + 1 {
                handle(.timerFired(step: step, attempt: attempt, token: slots[step].token), into: &scratch)
            }
        case .variablesSet(_, let values):
            variables[step, default: [:]].merge(values) { _, new in new }
        case .stepWaiting(_, _, .completionGate, _):
            // The attempt succeeded but its gate was not met: the outputs were recorded on the step.
            let recorded = gateOutputs[step] ?? (outputs[step], "main")
            complete(
                step, attempt: attempt,
                .succeeded(
                    outputs: recorded.outputs, branch: recorded.branch,
                    variables: variables.removeValue(forKey: step) ?? [:]), into: &scratch)
        case .stepAttemptOutputs(_, _, let recordedOutputs, let branch):
            gateOutputs[step] = (recordedOutputs, branch)
        case .stepSucceeded(_, _, let recordedOutputs, let branch):
            complete(
                step, attempt: attempt,
                .succeeded(
                    outputs: recordedOutputs, branch: branch, variables: variables.removeValue(forKey: step) ?? [:]),
                into: &scratch)
        case .stepAttemptFailed(_, _, let failure), .stepFailed(_, _, let failure, _):
            complete(step, attempt: attempt, .failed(failure), into: &scratch)
        case .stepCanceled:
            // A body step canceled because its loop failed was canceled again by the replay itself.
            if slots[step].phase != .canceled { handle(.cancel, into: &scratch) }
        case .stepWaiting, .stepSkipped, .instanceFinished, .loopIterationStarted, .stepProcessStarted:
            break
        }
    }

    private mutating func complete(_ step: Int, attempt: Int, _ outcome: StepOutcome, into scratch: inout Transition) {
        handle(.stepCompleted(step: step, attempt: attempt, token: slots[step].token, outcome: outcome), into: &scratch)
    }
}
