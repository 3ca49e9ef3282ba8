extension SpecValidator {
    /// Parses every template of the spec with the engine's own ``TemplateParser`` (step parameters but the
    /// verbatim `script`s, completion-gate operands, output values), so whatever would stop a run from
    /// compiling is an error here, at the pointer of the string at fault. A path whose empty last name was
    /// dropped (`{{ Steps.a.data.}}`) is a warning.
    mutating func checkTemplateSyntax() {
        for (index, step) in (spec.steps ?? []).enumerated() {
            let verbatim = TemplateText.verbatimParameterNames(actionId: step.actionId)
            for (number, parameter) in (step.parameters ?? []).enumerated() where !verbatim.contains(parameter.name) {
                checkTemplates(
                    in: parameter.value, at: ["steps", String(index), "parameters", String(number), "value"])
            }
            if let condition = step.completionGate?.completionCondition {
                let base = ["steps", String(index), "completionGate", "completionCondition"]
                checkTemplates(in: condition.operand1, at: base + ["operand1"])
                if let operand2 = condition.operand2 { checkTemplates(in: operand2, at: base + ["operand2"]) }
            }
        }
        for (index, parameter) in (spec.outputSchema?.parameters ?? []).enumerated() {
            if let value = parameter.value {
                checkTemplates(in: value, at: ["outputSchema", "parameters", String(index), "value"])
            }
        }
    }

    /// Parses every string in `value`, at any depth (object keys are never templates).
    private mutating func checkTemplates(in value: JSONValue, at tokens: [String]) {
        switch value {
        case .string(let text):
            guard Self.isTemplate(text) else { return }
            do {
                for path in try TemplateParser.parse(text).paths where path.ignoredTrailingDot {
                    warning(
                        JSONPointer(tokens: tokens),
                        "template path \"\(path.text)\" ends with an empty name after \".\"; it is read as \"\(path.text.dropLast())\""
                    )
                }
            } catch {
                self.error(JSONPointer(tokens: tokens), error.message)
            }
        case .array(let items):
            for (index, item) in items.enumerated() { checkTemplates(in: item, at: tokens + [String(index)]) }
        case .object(let members):
            for key in members.keys.sorted() {
                if let member = members[key] { checkTemplates(in: member, at: tokens + [key]) }
            }
        case .null, .bool, .number:
            return
        }
    }
}
