import CoreMetrics
import Synchronization
import WorkflowEngine

/// The ``PlanTelemetry`` of each plan in use, made on an instance's start when its plan has none yet: one lock and
/// one lookup per instance. The cache keeps its plans alive (so an identity is never reused while cached) and
/// starts over past ``capacity`` plans.
final class PlanTelemetryCache: Sendable {
    /// How many plans are kept before the cache starts over.
    static let capacity = 256

    private let factory: (any MetricsFactory)?
    private let plans = Mutex<[ObjectIdentifier: PlanTelemetry]>([:])

    init(factory: (any MetricsFactory)?) {
        self.factory = factory
    }

    /// The shared telemetry of `plan`'s instances.
    func telemetry(for plan: ExecutionPlan) -> PlanTelemetry {
        let key = ObjectIdentifier(plan)
        if let known = plans.withLock({ $0[key] }) { return known }
        let made = PlanTelemetry(plan: plan, factory: factory)
        return plans.withLock { plans in
            if let known = plans[key] { return known }
            if plans.count >= Self.capacity { plans.removeAll(keepingCapacity: true) }
            plans[key] = made
            return made
        }
    }
}
