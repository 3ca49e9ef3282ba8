extension SpecValidator {
    /// The actions whose `conditions` parameter is a condition list (`core.if`, `core.whileLoop`).
    static let conditionListActions: Set<String> = ["com.datadoghq.core.if", LoopStructure.Control.whileLoopId]
    /// The action whose `cases` may hold conditions.
    static let switchAction = "com.datadoghq.core.switch"

    /// Reads every condition written in the spec (`core.if` / `core.whileLoop` `conditions`, `core.switch`
    /// `cases[].condition`) as the action will, so an unknown operator or a missing operand is an error at its
    /// pointer instead of a failure, or a silent `false`, at run time. Parts that are templates are checked
    /// when they render.
    mutating func checkConditions() {
        for (index, step) in (spec.steps ?? []).enumerated() {
            let isList = Self.conditionListActions.contains(step.actionId)
            guard isList || step.actionId == Self.switchAction else { continue }
            for (number, parameter) in (step.parameters ?? []).enumerated() {
                let base = ["steps", String(index), "parameters", String(number), "value"]
                switch (isList, parameter.name, parameter.value) {
                case (true, "conditions", .array(let conditions)) where conditions.isEmpty:
                    error(JSONPointer(tokens: base), "conditions must hold at least one condition")
                case (true, "joinOperator", .string(let join))
                where !Self.isTemplate(join) && !["and", "or"].contains(join.lowercased()):
                    error(JSONPointer(tokens: base), "joinOperator must be \"and\" or \"or\", got \"\(join)\"")
                case (true, "conditions", .array(let conditions)):
                    for (position, condition) in conditions.enumerated() {
                        checkCondition(
                            condition, at: base + [String(position)], place: "conditions[\(position)]",
                            defaultOperand1: nil)
                    }
                case (false, "cases", .array(let cases)):
                    for (position, item) in cases.enumerated() {
                        guard let condition = item["condition"] else { continue }
                        checkCondition(
                            condition, at: base + [String(position), "condition"],
                            place: "cases[\(position)].condition", defaultOperand1: .null)
                    }
                default: continue
                }
            }
        }
    }

    private mutating func checkCondition(
        _ condition: JSONValue, at tokens: [String], place: String, defaultOperand1: JSONValue?
    ) {
        if case .string(let text) = condition, Self.isTemplate(text) { return }
        for key in ["comparisonOperator", "operator"] {
            if case .string(let text)? = condition[key], Self.isTemplate(text) { return }
        }
        do {
            _ = try ConditionInput(condition, where: place, defaultOperand1: defaultOperand1)
        } catch {
            self.error(JSONPointer(tokens: tokens + (error.member.map { [$0] } ?? [])), error.message)
        }
    }

    /// Whether `text` holds a `{{ … }}` or `${ … }` template.
    static func isTemplate(_ text: String) -> Bool { text.contains("{{") || text.contains("${") }
}
