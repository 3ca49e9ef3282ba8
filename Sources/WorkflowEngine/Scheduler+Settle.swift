import WorkflowModel

extension Scheduler {
    /// An attempt finished while the step was running.
    mutating func complete(_ step: Int, outcome: StepOutcome, into transition: inout Transition) {
        switch outcome {
        case .succeeded(let stepOutputs, let branch, let variables):
            outputs[step] = stepOutputs
            if !variables.isEmpty {
                context.variables.merge(variables) { _, new in new }
                transition.events.append(.variablesSet(step: steps[step].name, variables: variables))
            }
            guard hot.steps[step].hasCompletionGate, let gate = steps[step].completionGate else {
                succeed(step, branch: branch, into: &transition)
                return
            }
            checkGate(gate, of: step, branch: branch, into: &transition)
        case .failed(let failure):
            fail(step, failure, into: &transition)
        case .canceled:
            fail(step, StepFailure(message: "the step was canceled", code: "CANCELED"), into: &transition)
        }
    }

    mutating func checkGate(
        _ gate: CompiledGate, of step: Int, branch: String, into transition: inout Transition
    ) {
        let met: Bool
        do {
            met = try gate.isMet(in: templateContext(for: step))
        } catch {
            fail(step, error, into: &transition)
            return
        }
        if met {
            succeed(step, branch: branch, into: &transition)
            return
        }
        transition.events.append(
            .stepAttemptOutputs(
                step: plan.steps[step].name, attempt: Int(slots[step].attempt), outputs: outputs[step], branch: branch))
        if Int(slots[step].gateAttempts) <= gate.retryStrategy.maxRetries {
            wait(step, reason: .completionGate, delay: gate.retryStrategy.interval, into: &transition)
        } else {
            let attempts = slots[step].gateAttempts
            let failure = StepFailure(
                message: "completion condition not met after \(attempts) attempts",
                code: StepFailure.Codes.completionConditionNotMet)
            fail(step, failure, into: &transition)
        }
    }

    private mutating func wait(_ step: Int, reason: WaitReason, delay: Duration, into transition: inout Transition) {
        slots[step].phase = .waiting
        let attempt = Int(slots[step].attempt)
        transition.events.append(
            .stepWaiting(step: steps[step].name, attempt: attempt, reason: reason, delay: delay))
        transition.actions.append(.startTimer(step: step, attempt: attempt, token: slots[step].token, delay: delay))
    }

    mutating func succeed(_ step: Int, branch: String, into transition: inout Transition) {
        slots[step].phase = .succeeded
        active -= 1
        transition.events.append(
            .stepSucceeded(
                step: hot.steps[step].name, attempt: Int(slots[step].attempt), outputs: outputs[step],
                branch: branch))
        settleOutbound(of: step, taking: .branch(branch), into: &transition)
        if hasLoops { bodyStepSettled(step, into: &transition) }
    }

    /// The attempt failed: retry through the error handler, take the fallback, or end the instance.
    mutating func fail(_ step: Int, _ failure: StepFailure, into transition: inout Transition) {
        let planned = plan.steps[step]
        let attempt = Int(slots[step].attempt)
        var failure = failure
        failure.attempts = attempt
        if let handler = planned.errorHandler, Int(slots[step].handlerRetries) < handler.maxRetries {
            slots[step].handlerRetries += 1
            slots[step].gateAttempts = 0
            transition.events.append(.stepAttemptFailed(step: planned.name, attempt: attempt, failure: failure))
            wait(step, reason: .errorHandlerRetry, delay: handler.interval, into: &transition)
            return
        }
        slots[step].phase = .failed
        active -= 1
        outputs[step] = ["error": failure.jsonValue]
        let recovered = planned.errorHandler != nil && graph.fallback(of: step) != nil
        transition.events.append(
            .stepFailed(step: planned.name, attempt: attempt, failure: failure, recovered: recovered))
        if recovered {
            settleOutbound(of: step, taking: .fallback, into: &transition)
            if hasLoops { bodyStepSettled(step, into: &transition) }
        } else if hasLoops, let loop = plan.loops.bodyLoop[step] {
            failLoop(loop, step: step, failure, into: &transition)
        } else {
            let detail = InstanceFailure(step: planned.name, message: failure.message, code: failure.code)
            terminate(.stepError, failure: detail, into: &transition)
        }
    }

    /// Which outbound edges of a settled step are taken.
    enum TakenEdges {
        /// The edges of this branch (the step succeeded).
        case branch(String)
        /// The error handler's fallback edge (the step failed and recovered).
        case fallback
    }

    /// Settles every outbound edge of a settled step: taken when `taking` says so, dead otherwise. Dead
    /// paths propagate with an explicit work list, so a long dead chain cannot overflow the stack.
    mutating func settleOutbound(of step: Int, taking: TakenEdges, into transition: inout Transition) {
        var skipped: [Int] = []
        for position in hot.outboundPositions(of: step) {
            let taken: Bool
            switch taking {
            case .branch(let branch): taken = hot.edges[position].branch == branch
            case .fallback: taken = hot.edges[position].branch == nil
            }
            settle(edgeAt: position, taken: taken, skipped: &skipped)
        }
        while let skippedStep = skipped.popLast() {
            transition.events.append(.stepSkipped(step: hot.steps[skippedStep].name))
            if hasLoops { countSettled(skippedStep) }
            for position in hot.outboundPositions(of: skippedStep) {
                settle(edgeAt: position, taken: false, skipped: &skipped)
            }
        }
    }

    /// Marks edge `id` (loops enter their bodies by edge id) and decides whether its target becomes ready or is
    /// skipped (docs/semantics.md#steps-branches-and-merges).
    mutating func settle(edge id: Int, taken: Bool, skipped: inout [Int]) {
        settle(edge: id, to: graph.edges[id].to, taken: taken, skipped: &skipped)
    }

    /// Marks the edge at `position` in the hot path's edges (see ``settle(edge:taken:skipped:)``).
    private mutating func settle(edgeAt position: Int, taken: Bool, skipped: inout [Int]) {
        settle(edge: Int(hot.edges[position].id), to: Int(hot.edges[position].to), taken: taken, skipped: &skipped)
    }

    @inline(__always)
    private mutating func settle(edge id: Int, to target: Int, taken: Bool, skipped: inout [Int]) {
        guard edgeStates[id] == .unsettled else { return }
        edgeStates[id] = taken ? .taken : .dead
        slots[target].settledInbound += 1
        if taken { slots[target].takenInbound += 1 }
        guard slots[target].phase == .pending else { return }
        let slot = slots[target]
        let allSettled = slot.settledInbound == hot.steps[target].inboundCount
        if slot.takenInbound > 0 && (allSettled || hot.steps[target].waitsForAny) {
            slots[target].phase = .ready
            ready.append(target)
        } else if allSettled {
            slots[target].phase = .skipped
            skipped.append(target)
        }
    }
}
