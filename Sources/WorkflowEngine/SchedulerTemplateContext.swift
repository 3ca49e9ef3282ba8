import WorkflowModel

/// The scheduler's state as templates see it: `Steps.<name>` is a dense array lookup, nothing is copied.
struct SchedulerTemplateContext: TemplateContext {
    let plan: ExecutionPlan
    let context: InstanceContext
    let outputs: [JSONValue]
    /// `Current` (`{Value, Index}`) inside a loop body, else `nil`.
    var current: JSONValue? = nil

    var expressionEvaluator: (any ExpressionEvaluator)? { context.expressionEvaluator }

    func value(of path: TemplatePath) -> JSONValue? {
        let root: JSONValue?
        switch path.root {
        case .steps:
            guard let step = path.stepIndex else {
                return path.stepName == nil ? stepsObject().value(at: path.components) : nil
            }
            let output = outputs[step]
            return output.isNull ? nil : output.value(at: path.remainder)
        case .trigger: root = context.trigger
        case .source: root = context.source
        case .variables: root = .object(context.variables)
        case .workflowName: root = .string(plan.workflowName)
        case .workflowId: root = .string(plan.workflowId)
        case .instanceId: root = .string(context.instanceId)
        case .current: root = current
        }
        return root?.value(at: path.components)
    }

    /// `{{ Steps }}` as a whole: every finished step's outputs by name (rare; built on demand).
    private func stepsObject() -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (index, output) in outputs.enumerated() where !output.isNull { members[plan.steps[index].name] = output }
        return .object(members)
    }
}

extension Scheduler {
    var templateContext: SchedulerTemplateContext {
        SchedulerTemplateContext(plan: plan, context: context, outputs: outputs)
    }

    /// The context step `step` renders in: inside a loop body, `Current` is its loop's current iteration.
    func templateContext(for step: Int) -> SchedulerTemplateContext {
        guard hasLoops, let loop = plan.loops.bodyLoop[step] else { return templateContext }
        return SchedulerTemplateContext(plan: plan, context: context, outputs: outputs, current: loopRuns[loop].current)
    }

    /// The run's template roots by name as step `step` sees them now (with `Current` inside a loop body): for
    /// actions that read the whole context (the data-transformation actions' `$`).
    public func templateRoots(for step: Int) -> [String: JSONValue] { templateContext(for: step).rootValues() }
}
