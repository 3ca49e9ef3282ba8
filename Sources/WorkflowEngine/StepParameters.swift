import WorkflowModel

/// A step's parameters, parsed once per workflow version with `Steps.<name>` bound to dense step indexes.
public struct StepParameters: Sendable {
    let templates: ParameterTemplates

    init(_ parameters: [Parameter], actionId: String, indexByName: [String: Int]) throws(TemplateError) {
        templates = try ParameterTemplates(parameters, verbatim: ParameterTemplates.verbatimNames(actionId: actionId))
            .bindingSteps(indexByName)
    }

    /// The inputs when no parameter holds a template (they are the same on every attempt), else `nil`.
    var constantInputs: [String: JSONValue]? { templates.constantInputs }

    /// Renders the parameters; a template that cannot render is a step failure.
    func render(in context: SchedulerTemplateContext) throws(StepFailure) -> [String: JSONValue] {
        do {
            return try templates.render(in: context)
        } catch {
            throw StepFailure(message: error.message, code: StepFailure.Codes.templateError)
        }
    }
}
