import WorkflowModel

// Interim: constants only, until the template engine lands (replaced in the same change).

/// A step's parameters, parsed once per workflow version.
public struct StepParameters: Sendable {
    let values: [String: JSONValue]

    init(_ parameters: [Parameter]) throws {
        var values: [String: JSONValue] = [:]
        for parameter in parameters { values[parameter.name] = parameter.value }
        self.values = values
    }

    func render(in context: SchedulerTemplateContext) throws(StepFailure) -> [String: JSONValue] {
        values
    }
}

/// The workflow's outputs, parsed once per workflow version.
public struct WorkflowOutputs: Sendable {
    init(_ parameters: [OutputParameter]) throws {}

    func render(in context: SchedulerTemplateContext) throws(StepFailure) -> JSONValue { .emptyObject }
}

struct SchedulerTemplateContext {}

extension Scheduler {
    var templateContext: SchedulerTemplateContext { SchedulerTemplateContext() }
}

extension CompletionGate {
    func isMet(in context: SchedulerTemplateContext) throws(StepFailure) -> Bool {
        completionCondition.operand1 == completionCondition.operand2
    }
}
