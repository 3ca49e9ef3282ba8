import WorkflowModel

/// The workflow's outputs, parsed once per workflow version (docs/semantics.md#failure-retries-fallbacks-and-cancellation, instance outputs).
public struct WorkflowOutputs: Sendable {
    struct Output: Sendable {
        var name: String
        var type: ParameterType?
        var value: Template?
        var defaultValue: JSONValue?
    }

    let outputs: [Output]

    init(_ parameters: [OutputParameter], indexByName: [String: Int]) throws(TemplateError) {
        var outputs: [Output] = []
        for parameter in parameters {
            var template: Template?
            if let value = parameter.value {
                do {
                    template = try Template(parsing: value).bindingSteps(indexByName)
                } catch {
                    throw error.inParameter(parameter.name)
                }
            }
            outputs.append(
                Output(
                    name: parameter.name, type: parameter.parameterType, value: template,
                    defaultValue: parameter.defaultValue))
        }
        self.outputs = outputs
    }

    /// Renders every output (its default when the value renders null) and checks its declared type.
    /// - Throws: a failure naming the output when it cannot render or has the wrong type.
    func render(in context: SchedulerTemplateContext) throws(StepFailure) -> JSONValue {
        guard !outputs.isEmpty else { return .emptyObject }
        var rendered: [String: JSONValue] = [:]
        for output in outputs {
            var value: JSONValue = .null
            if let template = output.value {
                do {
                    value = try template.render(in: context)
                } catch {
                    throw StepFailure(
                        message: "output \"\(output.name)\": \(error.message)", code: StepFailure.Codes.outputError)
                }
            }
            if value.isNull, let defaultValue = output.defaultValue { value = defaultValue }
            if value.isNull { continue }
            if let type = output.type, !type.matches(value) {
                throw StepFailure(
                    message:
                        "output \"\(output.name)\" must be \(type.phrase) (\(type.rawValue)), got \(value.typeName)",
                    code: StepFailure.Codes.outputError)
            }
            rendered[output.name] = value
        }
        return .object(rendered)
    }
}
