import Synchronization
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Compiled plans by workflow id and spec version: a version is compiled once, however often it runs (API and
/// trigger starts, child workflows, resumed instances). Owned by the executor; the only plan cache.
final class PlanCache: Sendable {
    private struct Key: Hashable {
        var workflowId: String
        var version: Int
    }

    private let plans = Mutex<[Key: ExecutionPlan]>([:])
    private let limit: Int

    init(limit: Int = 1_024) {
        self.limit = limit
    }

    /// The plan of the stored workflow's current version.
    /// - Throws: ``PlanError`` when a template does not parse.
    func plan(for stored: StoredWorkflow) throws(PlanError) -> ExecutionPlan {
        try plan(
            spec: stored.workflow.spec, workflowId: stored.workflow.id, name: stored.workflow.name,
            version: stored.version)
    }

    /// The plan of version `version` of workflow `workflowId`, compiled from `spec` the first time.
    /// - Throws: ``PlanError`` when a template does not parse.
    func plan(spec: WorkflowSpec, workflowId: String, name: String, version: Int) throws(PlanError) -> ExecutionPlan {
        let key = Key(workflowId: workflowId, version: version)
        if let plan = plans.withLock({ $0[key] }) { return plan }
        // Compiled outside the lock: two first starts of one version may both compile; one plan is kept.
        let plan = try ExecutionPlan(spec: spec, workflowId: workflowId, workflowName: name)
        return plans.withLock { plans in
            if let existing = plans[key] { return existing }
            // Bounded: a long-lived server sees many versions.
            if plans.count >= limit { plans.removeAll(keepingCapacity: true) }
            plans[key] = plan
            return plan
        }
    }
}
