import CoreMetrics
import WorkflowEngine

/// One action id's step metrics, kept so recording a step looks nothing up and builds no label text. The
/// handlers of the common path — `succeeded` and the duration histogram — are made with the plan (their series
/// show 0 until a step of the action ends); the others on their first use.
final class ActionMetrics: Sendable {
    /// How a step ended, as `stepwise_steps_finished_total` counts it.
    enum Outcome: Int, CaseIterable, Sendable {
        case succeeded, failed, recovered, skipped, canceled

        /// The `outcome` label (and the span's `stepwise.step.outcome`).
        var label: String {
            switch self {
            case .succeeded: "succeeded"
            case .failed: "failed"
            case .recovered: "recovered"
            case .skipped: "skipped"
            case .canceled: "canceled"
            }
        }
    }

    let actionId: String
    private let factory: any MetricsFactory
    private let succeeded: any CounterHandler
    private let duration: any TimerHandler
    /// The other outcomes, by ``Outcome`` raw value (the `succeeded` slot is unused).
    private let finished: [LazyCounter]
    private let retries = LazyCounter()
    private let gateWaits = LazyCounter()

    init(actionId: String, factory: any MetricsFactory) {
        self.actionId = actionId
        self.factory = factory
        self.finished = Outcome.allCases.map { _ in LazyCounter() }
        self.succeeded = factory.makeCounter(
            label: MetricName.stepsFinished,
            dimensions: [("action_id", actionId), ("outcome", Outcome.succeeded.label)])
        self.duration = factory.makeTimer(label: MetricName.stepDuration, dimensions: [("action_id", actionId)])
    }

    /// A step of this action ended with `outcome`.
    func stepFinished(_ outcome: Outcome) {
        guard outcome != .succeeded else {
            succeeded.increment(by: 1)
            return
        }
        finished[outcome.rawValue].get {
            factory.makeCounter(
                label: MetricName.stepsFinished, dimensions: [("action_id", actionId), ("outcome", outcome.label)])
        }.increment(by: 1)
    }

    /// An attempt took `duration` from its dispatch to its result.
    func attempt(took time: Duration) {
        duration.recordNanoseconds(RuntimeMetrics.nanoseconds(time))
    }

    /// A step of this action waits before its next attempt.
    func waiting(_ reason: WaitReason) {
        let (handler, name) =
            switch reason {
            case .errorHandlerRetry: (retries, MetricName.stepRetries)
            case .completionGate: (gateWaits, MetricName.completionGateWaits)
            }
        handler.get { factory.makeCounter(label: name, dimensions: [("action_id", actionId)]) }.increment(by: 1)
    }
}
