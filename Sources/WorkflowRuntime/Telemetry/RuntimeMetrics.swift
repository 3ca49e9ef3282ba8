import CoreMetrics
import WorkflowEngine

/// The runtime's process-wide metrics (no labels: made once). Per-workflow and per-action metrics are made on
/// first use and kept by ``PlanTelemetry``.
struct RuntimeMetrics: Sendable {
    /// Instances running in this process.
    let running: any MeterHandler
    /// Timers pending in this process.
    let timers: any MeterHandler
    let commitDuration: any TimerHandler
    let commitEntries: any RecorderHandler

    init(factory: any MetricsFactory) {
        self.running = factory.makeMeter(label: MetricName.instancesRunning, dimensions: [])
        self.timers = factory.makeMeter(label: MetricName.timersPending, dimensions: [])
        self.commitDuration = factory.makeTimer(label: MetricName.storeCommitDuration, dimensions: [])
        self.commitEntries = factory.makeRecorder(
            label: MetricName.storeCommitEntries, dimensions: [], aggregate: true)
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
