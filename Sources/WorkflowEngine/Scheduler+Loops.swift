import WorkflowModel

/// Loops as scheduler control flow (docs/loops.md): `core.forLoop` and `core.whileLoop` steps run no action; the
/// scheduler runs their body — the steps reached from the `loopStart` edge — once per iteration, one iteration
/// at a time, then the loop step succeeds with `{data: [per iteration: {bodyStep: outputs}]}` and goes on along
/// `main`. `core.break` ends the loop once the current iteration has settled.
extension Scheduler {
    /// Datadog's limit on a forLoop's `inputList`, and this engine's limit on whileLoop iterations.
    public static let maxLoopIterations = 2000

    /// Runs a dispatched loop or break step (its inputs rendered and journaled): no `runStep`, the scheduler
    /// does the work.
    mutating func runControl(
        _ step: Int, _ control: LoopStructure.Control, inputs: [String: JSONValue], into transition: inout Transition
    ) {
        switch control {
        case .loopBreak:
            if let loop = plan.loops.bodyLoop[step] { loopRuns[loop].breakRequested = true }
            outputs[step] = .emptyObject
            succeed(step, branch: "main", into: &transition)
        case .forLoop, .whileLoop:
            guard let loop = plan.loops.loops.firstIndex(where: { $0.step == step }) else { return }
            var run = LoopRun()
            if control == .forLoop {
                do {
                    run.items = try Self.inputList(inputs["inputList"])
                } catch {
                    fail(step, error, into: &transition)
                    return
                }
            }
            loopRuns[loop] = run
            advance(loop, into: &transition)
        }
    }

    /// The current iteration of the loop whose body holds `step`, if any.
    func iteration(of step: Int) -> Int? {
        plan.loops.bodyLoop[step].map { loopRuns[$0].index }
    }

    /// The forLoop's `inputList`: an array of at most ``maxLoopIterations`` items.
    static func inputList(_ value: JSONValue?) throws(StepFailure) -> [JSONValue] {
        guard let value, !value.isNull else {
            throw StepFailure(message: "input \"inputList\" is required", code: "INVALID_INPUT")
        }
        guard case .array(let items) = value else {
            throw StepFailure(
                message: "input \"inputList\" must be an array, got \(value.typeName)", code: "INVALID_INPUT")
        }
        guard items.count <= maxLoopIterations else {
            throw StepFailure(
                message:
                    "input \"inputList\" has \(items.count) items; a for loop accepts an input list of up to \(maxLoopIterations) items",
                code: "INVALID_INPUT")
        }
        return items
    }

    /// Starts the next iteration of `loop`, or ends the loop: the list is exhausted, a break ran, or a
    /// whileLoop's conditions no longer hold. Iterations with an empty body end at once, so this loops.
    private mutating func advance(_ loop: Int, into transition: inout Transition) {
        let shape = plan.loops.loops[loop]
        while true {
            let index = loopRuns[loop].results.count
            if loopRuns[loop].breakRequested {
                return finishLoop(loop, into: &transition)
            }
            switch shape.kind {
            case .forLoop:
                guard index < loopRuns[loop].items.count else { return finishLoop(loop, into: &transition) }
                loopRuns[loop].current = ["Value": loopRuns[loop].items[index], "Index": .number(Double(index))]
            case .whileLoop, .loopBreak:
                loopRuns[loop].current = ["Index": .number(Double(index))]
                let holds: Bool
                do {
                    holds = try whileConditionHolds(loop)
                } catch {
                    return fail(shape.step, error, into: &transition)
                }
                guard holds else { return finishLoop(loop, into: &transition) }
                guard index < Self.maxLoopIterations else {
                    let failure = StepFailure(
                        message:
                            "while loop reached its limit of \(Self.maxLoopIterations) iterations and its conditions still hold",
                        code: "LOOP_LIMIT")
                    return fail(shape.step, failure, into: &transition)
                }
            }
            startIteration(loop, index: index, into: &transition)
            guard loopRuns[loop].remaining == 0 else { return }
            endIteration(loop)
        }
    }

    /// Renders the whileLoop step's parameters (with `Current.Index` the next iteration) and evaluates them.
    private func whileConditionHolds(_ loop: Int) throws(StepFailure) -> Bool {
        let step = plan.loops.loops[loop].step
        var context = templateContext
        context.current = loopRuns[loop].current
        let inputs = try steps[step].parameters.render(in: context)
        guard let conditions = inputs["conditions"] else {
            throw StepFailure(message: "input \"conditions\" is required", code: "INVALID_INPUT")
        }
        do {
            return try ConditionList.evaluate(conditions: conditions, joinOperator: inputs["joinOperator"])
        } catch {
            throw StepFailure(message: error.message, code: StepFailure.Codes.conditionError)
        }
    }

    /// Resets the body (phases, edges, outputs) and enters it through the `loopStart` edges.
    private mutating func startIteration(_ loop: Int, index: Int, into transition: inout Transition) {
        let shape = plan.loops.loops[loop]
        for member in shape.body {
            slots[member] = Slot()
            outputs[member] = .null
        }
        for id in shape.bodyEdges { edgeStates[id] = .unsettled }
        for id in shape.entryEdges { edgeStates[id] = .unsettled }
        loopRuns[loop].index = index
        loopRuns[loop].remaining = shape.body.count
        loopRuns[loop].iterating = true
        transition.events.append(
            .loopIterationStarted(step: steps[shape.step].name, index: index, body: shape.body.map { steps[$0].name }))
        var skipped: [Int] = []
        for id in shape.entryEdges { settle(edge: id, taken: true, skipped: &skipped) }
        while let step = skipped.popLast() {
            transition.events.append(.stepSkipped(step: steps[step].name))
            countSettled(step)
            for position in graph.outboundEdgePositions(of: step) {
                settle(edge: graph.outboundEdgeId(at: position), taken: false, skipped: &skipped)
            }
        }
    }

    /// Records the finished iteration's outputs: every body step that succeeded or failed, by name.
    private mutating func endIteration(_ loop: Int) {
        var members: [String: JSONValue] = [:]
        for member in plan.loops.loops[loop].body
        where slots[member].phase == .succeeded || slots[member].phase == .failed {
            members[steps[member].name] = outputs[member]
        }
        loopRuns[loop].results.append(.object(members))
        loopRuns[loop].iterating = false
    }

    private mutating func finishLoop(_ loop: Int, into transition: inout Transition) {
        let step = plan.loops.loops[loop].step
        outputs[step] = ["data": .array(loopRuns[loop].results)]
        loopRuns[loop].iterating = false
        // A completion gate on the loop step reads `Steps.<loop>.data`; not met, the whole loop runs again.
        if let gate = steps[step].completionGate {
            checkGate(gate, of: step, branch: "main", into: &transition)
        } else {
            succeed(step, branch: "main", into: &transition)
        }
    }

    /// A body step settled without running (skipped): one fewer to wait for in its iteration.
    mutating func countSettled(_ step: Int) {
        guard let loop = plan.loops.bodyLoop[step], loopRuns[loop].iterating else { return }
        loopRuns[loop].remaining -= 1
    }

    /// A body step succeeded or failed and recovered: when it was the last of its iteration, go on.
    mutating func bodyStepSettled(_ step: Int, into transition: inout Transition) {
        guard let loop = plan.loops.bodyLoop[step], loopRuns[loop].iterating else { return }
        loopRuns[loop].remaining -= 1
        guard loopRuns[loop].remaining == 0 else { return }
        endIteration(loop)
        advance(loop, into: &transition)
    }

    /// A body step failed without a fallback: the rest of the iteration is canceled and the loop step fails
    /// (its own error handler then applies, else the instance ends with `STEP_ERROR`).
    mutating func failLoop(_ loop: Int, step failed: Int, _ failure: StepFailure, into transition: inout Transition) {
        let shape = plan.loops.loops[loop]
        for member in shape.body {
            let attempt = Int(slots[member].attempt)
            switch slots[member].phase {
            case .running:
                slots[member].phase = .canceled
                active -= 1
                transition.events.append(.stepCanceled(step: steps[member].name))
                transition.actions.append(.cancelStep(step: member, attempt: attempt, token: slots[member].token))
            case .waiting:
                slots[member].phase = .canceled
                active -= 1
                transition.events.append(.stepCanceled(step: steps[member].name))
                transition.actions.append(.cancelTimer(step: member, attempt: attempt, token: slots[member].token))
            case .ready:
                slots[member].phase = .pending
            default:
                break
            }
        }
        let bodyLoop = plan.loops.bodyLoop
        ready.removeAll { bodyLoop[$0] == loop }
        loopRuns[loop].iterating = false
        let message = "iteration \(loopRuns[loop].index): step \"\(steps[failed].name)\" failed: \(failure.message)"
        fail(shape.step, StepFailure(message: message, code: failure.code), into: &transition)
    }
}
