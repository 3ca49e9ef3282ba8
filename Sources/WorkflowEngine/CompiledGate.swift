import WorkflowModel

/// A completion gate with its operands parsed once per workflow version (docs/semantics.md#completion-gates).
public struct CompiledGate: Sendable {
    public let condition: ConditionOperator
    public let operand1: Template
    public let operand2: Template?
    public let retryStrategy: RetryStrategy

    init(_ gate: CompletionGate, indexByName: [String: Int]) throws(TemplateError) {
        condition = gate.completionCondition.operator
        operand1 = try Template(parsing: gate.completionCondition.operand1).bindingSteps(indexByName)
        operand2 = try gate.completionCondition.operand2.map { value throws(TemplateError) in
            try Template(parsing: value).bindingSteps(indexByName)
        }
        retryStrategy = gate.retryStrategy
    }

    /// Whether the condition holds for the current outputs; a template or comparison error is a step failure.
    func isMet(in context: SchedulerTemplateContext) throws(StepFailure) -> Bool {
        let lhs: JSONValue
        let rhs: JSONValue?
        do {
            lhs = try operand1.render(in: context)
            rhs = try operand2?.render(in: context)
        } catch {
            throw StepFailure(message: "completion condition: \(error.message)", code: StepFailure.Codes.templateError)
        }
        do {
            return try condition.evaluate(lhs, rhs)
        } catch {
            throw StepFailure(message: "completion condition: \(error.message)", code: StepFailure.Codes.conditionError)
        }
    }
}
