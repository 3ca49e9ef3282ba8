import CoreMetrics
import WorkflowEngine

/// The runtime's metrics, made by an injected factory. Each record asks the factory for the handler of its label
/// values (registries such as Prometheus's return the one they already have).
struct RuntimeMetrics: Sendable {
    let factory: any MetricsFactory
    /// Instances running in this process (no labels: made once).
    let running: any MeterHandler
    /// Timers pending in this process.
    let timers: any MeterHandler
    let commitDuration: any TimerHandler
    let commitEntries: any RecorderHandler

    init(factory: any MetricsFactory) {
        self.factory = factory
        self.running = factory.makeMeter(label: MetricName.instancesRunning, dimensions: [])
        self.timers = factory.makeMeter(label: MetricName.timersPending, dimensions: [])
        self.commitDuration = factory.makeTimer(label: MetricName.storeCommitDuration, dimensions: [])
        self.commitEntries = factory.makeRecorder(
            label: MetricName.storeCommitEntries, dimensions: [], aggregate: true)
    }

    func count(_ name: String, _ dimensions: [(String, String)]) {
        factory.makeCounter(label: name, dimensions: dimensions).increment(by: 1)
    }

    func instanceStarted(workflowId: String) {
        count(MetricName.instancesStarted, [("workflow_id", workflowId)])
    }

    func instanceFinished(workflowId: String, status: InstanceStatus) {
        count(MetricName.instancesFinished, [("workflow_id", workflowId), ("status", status.rawValue)])
    }

    func stepFinished(actionId: String, outcome: String) {
        count(MetricName.stepsFinished, [("action_id", actionId), ("outcome", outcome)])
    }

    func attempt(actionId: String, took duration: Duration) {
        factory.makeTimer(label: MetricName.stepDuration, dimensions: [("action_id", actionId)])
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    func waiting(actionId: String, reason: WaitReason) {
        switch reason {
        case .errorHandlerRetry: count(MetricName.stepRetries, [("action_id", actionId)])
        case .completionGate: count(MetricName.completionGateWaits, [("action_id", actionId)])
        }
    }

    func committed(entries: Int, took duration: Duration) {
        commitDuration.recordNanoseconds(Self.nanoseconds(duration))
        commitEntries.record(Int64(entries))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
