import Testing
import WorkflowEngine
import WorkflowModel

/// Drives a ``Scheduler`` by step name and keeps every journal event, for readable tests.
struct SchedulerHarness {
    var scheduler: Scheduler
    var journal: [InstanceEvent] = []
    var last = Transition()
    /// The state after every turn, for replay tests.
    var checkpoints:
        [(
            count: Int, phases: [StepPhase], outputs: [JSONValue], status: InstanceStatus,
            variables: [String: JSONValue]
        )] = []

    init(_ spec: WorkflowSpec, trigger: TriggerKind = .workflow, context: InstanceContext? = nil) throws {
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Test")
        scheduler = Scheduler(plan: plan, trigger: trigger, context: context ?? InstanceContext(instanceId: "i-1"))
    }

    func index(_ name: String) -> Int { scheduler.plan.graph.indexByName[name] ?? -1 }

    mutating func send(_ event: SchedulerEvent) {
        last = scheduler.handle(event)
        journal += last.events
        checkpoints.append(
            (
                journal.count, (0..<scheduler.plan.steps.count).map { scheduler.phase(of: $0) }, scheduler.outputs,
                scheduler.status, scheduler.context.variables
            ))
    }

    mutating func start() { send(.start) }

    mutating func succeed(_ name: String, _ outputs: JSONValue = .emptyObject, branch: String = "main") {
        let step = index(name)
        send(
            .stepCompleted(
                step: step, attempt: scheduler.attempts(of: step), token: scheduler.token(of: step),
                outcome: .succeeded(outputs, branch: branch)))
    }

    mutating func fail(_ name: String, _ message: String = "boom") {
        let step = index(name)
        send(
            .stepCompleted(
                step: step, attempt: scheduler.attempts(of: step), token: scheduler.token(of: step),
                outcome: .failed(StepFailure(message: message, code: "FAILED"))))
    }

    mutating func fire(_ name: String) {
        let step = index(name)
        send(.timerFired(step: step, attempt: scheduler.attempts(of: step), token: scheduler.token(of: step)))
    }

    /// Names of the steps the last turn asked to run.
    var dispatched: [String] {
        last.actions.compactMap { action in
            if case .runStep(let dispatch) = action { return scheduler.plan.steps[dispatch.step].name }
            return nil
        }
    }

    /// Timers the last turn asked for, by step name.
    var timers: [String: Duration] {
        var result: [String: Duration] = [:]
        for case .startTimer(let step, _, _, let delay) in last.actions {
            result[scheduler.plan.steps[step].name] = delay
        }
        return result
    }

    /// Steps the last turn asked to cancel.
    var cancelled: [String] {
        last.actions.compactMap { action in
            if case .cancelStep(let step, _, _) = action { return scheduler.plan.steps[step].name }
            if case .cancelTimer(let step, _, _) = action { return scheduler.plan.steps[step].name }
            return nil
        }
    }

    var finished: InstanceStatus? {
        for case .finish(let status) in last.actions { return status }
        return nil
    }

    func phase(_ name: String) -> StepPhase { scheduler.phase(of: index(name)) }

    var skipped: [String] {
        journal.compactMap { if case .stepSkipped(let step) = $0 { return step } else { return nil } }
    }
}
