import WorkflowModel

/// What the scheduler asks the runtime to do.
public enum SchedulerAction: Sendable {
    /// Run one attempt of a step's action with rendered inputs.
    case runStep(StepDispatch)
    /// Call back with ``SchedulerEvent/timerFired(step:attempt:)`` after `delay`.
    case startTimer(step: Int, attempt: Int, delay: Duration)
    /// Stop a running action (the run is ending).
    case cancelStep(step: Int, attempt: Int)
    /// Forget a pending timer (the run is ending).
    case cancelTimer(step: Int, attempt: Int)
    /// The instance has ended with this status.
    case finish(InstanceStatus)
}

/// One attempt of one step, ready to run.
public struct StepDispatch: Sendable {
    /// Dense step index in the plan.
    public var step: Int
    /// 1 for the first attempt; counts every run of the action, retries included.
    public var attempt: Int
    /// Parameters after template rendering.
    public var inputs: [String: JSONValue]
    /// The loop iteration (from 0) of a loop body step, else `nil`.
    public var iteration: Int?

    public init(step: Int, attempt: Int, inputs: [String: JSONValue], iteration: Int? = nil) {
        self.step = step
        self.attempt = attempt
        self.inputs = inputs
        self.iteration = iteration
    }
}

/// The output of one scheduler turn: journal events to store, then actions to perform.
public struct Transition: Sendable {
    public var events: [InstanceEvent]
    public var actions: [SchedulerAction]

    public init(events: [InstanceEvent] = [], actions: [SchedulerAction] = []) {
        self.events = events
        self.actions = actions
    }

    /// Empties both lists, keeping their storage for the next turn.
    public mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        actions.removeAll(keepingCapacity: true)
    }
}
