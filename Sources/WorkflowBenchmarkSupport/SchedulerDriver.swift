import WorkflowEngine
import WorkflowModel

/// Drives the pure ``Scheduler`` with no action dispatched: each `runStep` it asks for is answered at once with
/// a `stepCompleted` (outputs `{}`, branch `main`). What is left is the state machine's own cost.
public struct SchedulerDriver: Sendable {
    /// The compiled workflow every instance runs.
    public let plan: ExecutionPlan
    /// The trigger that starts each instance.
    public let trigger: TriggerKind
    /// The inputs every instance starts with (`Trigger.<name>` in templates).
    public let inputs: [String: JSONValue]

    /// A driver for `plan`, started by `trigger` with `inputs`.
    public init(plan: ExecutionPlan, trigger: TriggerKind = .workflow, inputs: [String: JSONValue] = [:]) {
        self.plan = plan
        self.trigger = trigger
        self.inputs = inputs
    }

    /// Runs `instances` instances one after the other.
    /// - Parameter latencies: when given, receives the duration (ns) of each `stepCompleted` turn; reserve it
    ///   beforehand so recording does not allocate.
    /// - Returns: the number of steps completed and how many instances succeeded.
    public func run(
        instances: Int, latencies: UnsafeMutableBufferPointer<UInt64>? = nil
    ) -> (
        steps: Int, succeeded: Int
    ) {
        var transition = Transition()
        var pending: [(step: Int, attempt: Int, token: UInt32)] = []
        let outcome = StepOutcome.succeeded(outputs: .emptyObject, branch: "main", variables: [:])
        var steps = 0
        var succeeded = 0
        let clock = ContinuousClock()
        let context = InstanceContext(instanceId: "bench", trigger: .object(inputs))
        for _ in 0..<instances {
            var scheduler = Scheduler(plan: plan, trigger: trigger, context: context)
            scheduler.handle(.start, into: &transition)
            Self.collect(&transition, into: &pending)
            while let next = pending.popLast() {
                let event = SchedulerEvent.stepCompleted(
                    step: next.step, attempt: next.attempt, token: next.token, outcome: outcome)
                if let latencies, steps < latencies.count {
                    let started = clock.now
                    scheduler.handle(event, into: &transition)
                    latencies[steps] = Self.nanoseconds(started.duration(to: clock.now))
                } else {
                    scheduler.handle(event, into: &transition)
                }
                steps += 1
                Self.collect(&transition, into: &pending)
            }
            if scheduler.status == .succeeded { succeeded += 1 }
        }
        return (steps, succeeded)
    }

    private static func collect(
        _ transition: inout Transition, into pending: inout [(step: Int, attempt: Int, token: UInt32)]
    ) {
        for action in transition.actions {
            if case .runStep(let dispatch) = action {
                pending.append((dispatch.step, dispatch.attempt, dispatch.token))
            }
        }
        transition.removeAll()
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}
