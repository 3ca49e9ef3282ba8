import WorkflowModel

/// Every `{{ path }}` a spec's templates read, with the step that reads it: parameters (but the verbatim
/// `script`s), completion-gate operands and output values, parsed by the engine's own ``TemplateParser``.
/// Strings that do not parse are skipped (validation reports them).
enum SpecTemplatePaths {
    /// One path and where it is read: a step's name, or `nil` for a workflow output.
    struct Use {
        var step: String?
        var path: TemplatePath
    }

    static func all(in spec: WorkflowSpec) -> [Use] {
        var uses: [Use] = []
        for step in spec.steps ?? [] {
            let verbatim = TemplateText.verbatimParameterNames(actionId: step.actionId)
            var values = (step.parameters ?? []).filter { !verbatim.contains($0.name) }.map(\.value)
            if let condition = step.completionGate?.completionCondition {
                values.append(condition.operand1)
                if let operand2 = condition.operand2 { values.append(operand2) }
            }
            for value in values {
                uses += paths(in: value).map { Use(step: step.name, path: $0) }
            }
        }
        for parameter in spec.outputSchema?.parameters ?? [] {
            if let value = parameter.value { uses += paths(in: value).map { Use(step: nil, path: $0) } }
        }
        return uses
    }

    private static func paths(in value: JSONValue) -> [TemplatePath] {
        switch value {
        case .string(let text): return (try? TemplateParser.parse(text).paths) ?? []
        case .array(let items): return items.flatMap(paths(in:))
        case .object(let members): return members.keys.sorted().flatMap { members[$0].map(paths(in:)) ?? [] }
        case .null, .bool, .number: return []
        }
    }
}
