import WorkflowModel

extension ActionManifest {
    /// What is wrong with a step's parameters, checked before a run starts: a missing required input, an
    /// unknown input, a literal value of the wrong type. Values holding `{{ … }}` are only known when the step
    /// runs; they are checked then.
    /// - Returns: one message per problem, naming the parameter (empty when the parameters are fine).
    public func problems(with parameters: [Parameter]) -> [String] {
        var problems: [String] = []
        let declared = Dictionary(inputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let given = Set(parameters.map(\.name))
        for input in inputs where input.required && input.defaultValue == nil && !given.contains(input.name) {
            problems.append("parameter \"\(input.name)\" is required by \(actionId)")
        }
        for parameter in parameters {
            guard let input = declared[parameter.name] else {
                let names = inputs.map(\.name).joined(separator: ", ")
                problems.append("parameter \"\(parameter.name)\" is not an input of \(actionId) (inputs: \(names))")
                continue
            }
            if !Self.isTemplated(parameter.value), !parameter.value.isNull, !input.type.accepts(parameter.value) {
                problems.append(
                    "parameter \"\(parameter.name)\" must be \(input.type.rawValue), got \(parameter.value.typeName)")
            }
        }
        return problems
    }

    /// The inputs an attempt runs with: defaults added, unknown names and wrong types refused.
    /// - Throws: ``ActionError`` `.invalidInput` naming the input.
    func effectiveInputs(_ given: [String: JSONValue]) throws(ActionError) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        let names = Set(inputs.map(\.name))
        if let unknown = given.keys.filter({ !names.contains($0) }).sorted().first {
            throw ActionError(.invalidInput, "input \"\(unknown)\" is not an input of \(actionId)")
        }
        for input in inputs {
            if let value = given[input.name], !value.isNull {
                guard input.type.accepts(value) else {
                    throw ActionError(
                        .invalidInput, "input \"\(input.name)\" must be \(input.type.rawValue), got \(value.typeName)")
                }
                result[input.name] = value
            } else if let fallback = input.defaultValue {
                result[input.name] = fallback
            } else if input.required {
                throw ActionError(.invalidInput, "missing required input \"\(input.name)\"")
            }
        }
        return result
    }

    private static func isTemplated(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return text.contains("{{")
        case .array(let items): return items.contains(where: isTemplated)
        case .object(let members): return members.values.contains(where: isTemplated)
        default: return false
        }
    }
}
