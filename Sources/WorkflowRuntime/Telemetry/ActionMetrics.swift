import CoreMetrics
import WorkflowEngine

/// One action id's step metrics. Each handler is made on its first use and kept, so recording a step looks
/// nothing up and builds no label text; a series appears only once something was counted in it.
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
    private let finished: [LazyCounter]
    private let retries = LazyCounter()
    private let gateWaits = LazyCounter()
    private let duration = LazyTimer()

    init(actionId: String, factory: any MetricsFactory) {
        self.actionId = actionId
        self.factory = factory
        self.finished = Outcome.allCases.map { _ in LazyCounter() }
    }

    /// A step of this action ended with `outcome`.
    func stepFinished(_ outcome: Outcome) {
        finished[outcome.rawValue].get {
            factory.makeCounter(
                label: MetricName.stepsFinished, dimensions: [("action_id", actionId), ("outcome", outcome.label)])
        }.increment(by: 1)
    }

    /// An attempt took `duration` from its dispatch to its result.
    func attempt(took time: Duration) {
        duration.get {
            factory.makeTimer(label: MetricName.stepDuration, dimensions: [("action_id", actionId)])
        }.recordNanoseconds(RuntimeMetrics.nanoseconds(time))
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
