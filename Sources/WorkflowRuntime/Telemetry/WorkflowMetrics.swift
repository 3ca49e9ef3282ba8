import CoreMetrics
import WorkflowEngine

/// One workflow's instance counters, each made on its first use and kept (see ``ActionMetrics``).
final class WorkflowMetrics: Sendable {
    let workflowId: String
    private let factory: any MetricsFactory
    private let started = LazyCounter()
    private let finished: [LazyCounter]

    init(workflowId: String, factory: any MetricsFactory) {
        self.workflowId = workflowId
        self.factory = factory
        self.finished = InstanceStatus.allCases.map { _ in LazyCounter() }
    }

    /// An instance started (not counting resumed ones).
    func instanceStarted() {
        started.get {
            factory.makeCounter(label: MetricName.instancesStarted, dimensions: [("workflow_id", workflowId)])
        }.increment(by: 1)
    }

    /// An instance ended with `status`.
    func instanceFinished(_ status: InstanceStatus) {
        let index = InstanceStatus.allCases.firstIndex(of: status) ?? 0
        finished[index].get {
            factory.makeCounter(
                label: MetricName.instancesFinished,
                dimensions: [("workflow_id", workflowId), ("status", status.rawValue)])
        }.increment(by: 1)
    }
}
