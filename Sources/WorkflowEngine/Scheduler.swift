import DequeModule
import WorkflowModel

/// The pure state machine that runs one instance: events in, journal events and actions out.
///
/// No I/O, clock, `async` or locks: the same events always give the same transitions, so it is tested
/// without sleeping, replayed from the journal, and benchmarked without noise. The step lifecycle it
/// implements is the table in ARCHITECTURE.md.
public struct Scheduler: Sendable {
    /// Per-step bookkeeping, kept in one array so a step's state is one cache line.
    struct Slot: Sendable {
        var phase: StepPhase = .pending
        var settledInbound: Int32 = 0
        var takenInbound: Int32 = 0
        /// Attempts dispatched so far (all tries).
        var attempt: Int32 = 0
        /// Attempts in the current try (the completion gate's budget).
        var gateAttempts: Int32 = 0
        /// Error-handler retries used.
        var handlerRetries: Int32 = 0
        /// The token of the step's latest dispatch (``StepDispatch/token``).
        var token: UInt32 = 0
    }

    enum EdgeState: UInt8, Sendable {
        case unsettled
        case taken
        case dead
    }

    /// The compiled workflow.
    public let plan: ExecutionPlan
    /// The trigger that fired.
    public let trigger: TriggerKind
    /// Trigger inputs, source, variables and the instance id.
    public internal(set) var context: InstanceContext
    /// Outputs of each step by index (`null` until it succeeds; `{error}` once it failed for good).
    public internal(set) var outputs: [JSONValue]
    /// The instance's status.
    public internal(set) var status: InstanceStatus = .inProgress

    /// The plan's graph and steps, held here so the hot path reads them from the scheduler's own storage
    /// without retaining the plan's arrays on every access (shared buffers: no copy, no allocation).
    let graph: WorkflowGraph
    let steps: [ExecutionPlan.PlannedStep]
    /// The plan's per-step and per-edge fields read on every turn, packed (``ExecutionPlan/HotPath``).
    let hot: ExecutionPlan.HotPath
    var slots: [Slot]
    var edgeStates: [EdgeState]
    var ready: Deque<Int> = []
    /// Steps running or waiting.
    var active = 0
    var started = false
    /// Whether the plan has loop or break steps: the one check a loop-free workflow pays (docs/loops.md).
    let hasLoops: Bool
    /// Each loop's progress, by index in `plan.loops.loops`.
    var loopRuns: [LoopRun]
    /// Dispatches so far: the last ``StepDispatch/token`` handed out (wraps after 2³² dispatches).
    var dispatches: UInt32 = 0

    /// A scheduler for a new instance of `plan`, started by `trigger`.
    public init(plan: ExecutionPlan, trigger: TriggerKind, context: InstanceContext) {
        self.plan = plan
        self.trigger = trigger
        self.context = context
        self.graph = plan.graph
        self.steps = plan.steps
        self.hot = plan.hotPath
        self.outputs = Array(repeating: .null, count: plan.graph.stepCount)
        self.slots = Array(repeating: Slot(), count: plan.graph.stepCount)
        self.edgeStates = Array(repeating: .unsettled, count: plan.graph.edges.count)
        self.hasLoops = !plan.loops.isEmpty
        self.loopRuns = Array(repeating: LoopRun(), count: plan.loops.loops.count)
    }

    /// The phase of step `step`.
    public func phase(of step: Int) -> StepPhase { slots[step].phase }

    /// Attempts of step `step` so far.
    public func attempts(of step: Int) -> Int { Int(slots[step].attempt) }

    /// The token of step `step`'s latest dispatch (what its completion or its timer must carry).
    public func token(of step: Int) -> UInt32 { slots[step].token }

    /// Handles one event.
    public mutating func handle(_ event: SchedulerEvent) -> Transition {
        var transition = Transition()
        handle(event, into: &transition)
        return transition
    }

    /// Handles one event, appending to `transition` (reuse one across turns to avoid allocating).
    public mutating func handle(_ event: SchedulerEvent, into transition: inout Transition) {
        switch event {
        case .start:
            start(into: &transition)
        case .stepCompleted(let step, let attempt, let token, let outcome):
            guard isCurrent(step: step, attempt: attempt, token: token, phase: .running) else { return }
            complete(step, outcome: outcome, into: &transition)
        case .timerFired(let step, let attempt, let token):
            guard isCurrent(step: step, attempt: attempt, token: token, phase: .waiting) else { return }
            ready.append(step)
        case .cancel:
            guard status == .inProgress else { return }
            terminate(.canceled, failure: nil, into: &transition)
        case .lifetimeExceeded:
            guard status == .inProgress else { return }
            terminate(.instanceError, failure: Self.lifetimeFailure, into: &transition)
        }
        drain(into: &transition)
    }

    /// Why an instance stopped at the seven-day limit.
    public static let lifetimeFailure = InstanceFailure(
        step: nil,
        message:
            "the instance reached the limit of \(InstanceLifetime.maximum.components.seconds / 86_400) days "
            + "(\(InstanceLifetime.maximum.components.seconds) s) an instance may run, waits and retries included",
        code: StepFailure.Codes.instanceTimeout)

    /// Whether an event about `step`'s `attempt` still matters: a late completion after cancel, a stale
    /// timer, or the answer to an earlier dispatch (another loop iteration or loop attempt: a different token)
    /// is a legal race and changes nothing.
    private func isCurrent(step: Int, attempt: Int, token: UInt32, phase: StepPhase) -> Bool {
        status == .inProgress && slots.indices.contains(step) && slots[step].phase == phase
            && Int(slots[step].attempt) == attempt && slots[step].token == token
    }

    private mutating func start(into transition: inout Transition) {
        guard !started else { return }
        started = true
        let starts = graph.startSteps[trigger] ?? []
        // Unreachable steps are found once per plan; their edges are dead from the start, so merges never
        // wait for them.
        for step in hot.unreachableSteps(for: trigger).lazy.map(Int.init) {
            slots[step].phase = .unreachable
            for position in hot.outboundPositions(of: step) {
                edgeStates[Int(hot.edges[position].id)] = .dead
                slots[Int(hot.edges[position].to)].settledInbound += 1
            }
        }
        for step in starts where slots[step].phase == .pending {
            slots[step].phase = .ready
            ready.append(step)
        }
    }

    /// Dispatches every ready step, then finishes the instance when nothing is left to do.
    private mutating func drain(into transition: inout Transition) {
        while status == .inProgress, let step = ready.popFirst() {
            dispatch(step, into: &transition)
        }
        if status == .inProgress, started, active == 0, ready.isEmpty {
            finishSucceeded(into: &transition)
        }
    }

    private mutating func dispatch(_ step: Int, into transition: inout Transition) {
        if slots[step].phase == .ready { active += 1 }
        slots[step].phase = .running
        slots[step].attempt += 1
        slots[step].gateAttempts += 1
        dispatches &+= 1
        slots[step].token = dispatches
        let attempt = Int(slots[step].attempt)
        let inputs: [String: JSONValue]
        if let constants = hot.steps[step].constantInputs {
            inputs = constants  // no template: no context to build
        } else {
            do {
                inputs = try steps[step].parameters.render(in: templateContext(for: step))
            } catch {
                transition.events.append(.stepStarted(step: hot.steps[step].name, attempt: attempt, inputs: [:]))
                fail(step, error, into: &transition)
                return
            }
        }
        transition.events.append(.stepStarted(step: hot.steps[step].name, attempt: attempt, inputs: inputs))
        if hasLoops, let control = steps[step].control {
            runControl(step, control, inputs: inputs, into: &transition)
            return
        }
        let iteration = hasLoops ? iteration(of: step) : nil
        transition.actions.append(
            .runStep(
                StepDispatch(step: step, attempt: attempt, inputs: inputs, iteration: iteration, token: dispatches)))
    }
}
