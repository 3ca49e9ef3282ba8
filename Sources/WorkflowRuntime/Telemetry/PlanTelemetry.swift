import CoreMetrics
import WorkflowEngine

/// What the telemetry of every instance of one plan shares, made once per plan: each step's metric handlers
/// (steps of one action share them) and span names. An instance's events then index arrays, with no registry
/// lookup and no text built.
final class PlanTelemetry: Sendable {
    let plan: ExecutionPlan
    /// The workflow's instance counters (`nil` without metrics).
    let workflow: WorkflowMetrics?
    /// Each step's action metrics, by step index (empty without metrics).
    let actions: [ActionMetrics]
    /// The instance span's name.
    let runSpanName: String
    /// Each step's span name, by step index.
    let stepSpanNames: [String]

    init(plan: ExecutionPlan, factory: (any MetricsFactory)?) {
        self.plan = plan
        if let factory {
            workflow = WorkflowMetrics(workflowId: plan.workflowId, factory: factory)
            var byAction: [String: ActionMetrics] = [:]
            actions = plan.steps.map { step in
                if let made = byAction[step.actionId] { return made }
                let made = ActionMetrics(actionId: step.actionId, factory: factory)
                byAction[step.actionId] = made
                return made
            }
        } else {
            workflow = nil
            actions = []
        }
        runSpanName = "run \(plan.workflowName)"
        stepSpanNames = plan.steps.map { "step \($0.name)" }
    }

    /// The metrics of the step at `index` (`nil` without metrics).
    func metrics(ofStep index: Int) -> ActionMetrics? {
        actions.indices.contains(index) ? actions[index] : nil
    }
}
