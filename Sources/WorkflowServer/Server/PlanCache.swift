import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Compiled plans by workflow id and spec version: a version is compiled once, however often it runs.
actor PlanCache {
    private struct Key: Hashable {
        var workflowId: String
        var version: Int
    }

    private var plans: [Key: ExecutionPlan] = [:]
    private let limit: Int

    init(limit: Int = 1_024) {
        self.limit = limit
    }

    /// The plan of the workflow's current version.
    /// - Throws: ``PlanError`` when a template does not parse.
    func plan(for stored: StoredWorkflow) throws(PlanError) -> ExecutionPlan {
        let key = Key(workflowId: stored.workflow.id, version: stored.version)
        if let plan = plans[key] { return plan }
        let plan = try ExecutionPlan(
            spec: stored.workflow.spec, workflowId: stored.workflow.id, workflowName: stored.workflow.name)
        if plans.count >= limit { plans.removeAll(keepingCapacity: true) }
        plans[key] = plan
        return plan
    }
}
