import WorkflowModel

/// One condition of `core.if` or `core.switch`, read from its rendered JSON.
///
/// Two forms: `{operand1, operator, operand2}` (``ConditionOperator/init(name:)`` names: `OPERATOR_EQUAL`, …),
/// and the UI's unary form `{comparisonOperator: "nonnull" | "null" | "empty" | "nonempty", value}`.
struct ConditionInput {
    var operand1: JSONValue?
    var `operator`: ConditionOperator
    var operand2: JSONValue?

    /// Reads a condition; `where` names it in messages (`conditions[0]`). When `defaultOperand1` is given, a
    /// condition without `operand1` compares it (a switch case's condition reads the switch expression).
    init(_ value: JSONValue, where place: String, defaultOperand1: JSONValue? = nil) throws(ActionError) {
        guard case .object(let members) = value else {
            throw ActionError(.invalidInput, "\(place) must be an object, got \(value.typeName)")
        }
        if let unary = members["comparisonOperator"] {
            guard case .string(let name) = unary, let op = ConditionOperator(name: name) else {
                throw ActionError(
                    .invalidInput,
                    "\(place).comparisonOperator must be one of null, nonnull, empty, nonempty (or an OPERATOR_* name), got \(unary.compactJSON)"
                )
            }
            self.operator = op
            operand1 = members["value"] ?? members["operand1"]
            operand2 = members["operand2"]
            return
        }
        guard let named = members["operator"] else {
            throw ActionError(.invalidInput, "\(place) needs an \"operator\" (or the unary \"comparisonOperator\")")
        }
        guard case .string(let name) = named, let op = ConditionOperator(name: name) else {
            throw ActionError(.invalidInput, "\(place).operator is not a known operator: \(named.compactJSON)")
        }
        self.operator = op
        if let operand1 = members["operand1"] {
            self.operand1 = operand1
        } else if let defaultOperand1 {
            self.operand1 = defaultOperand1
        } else if !op.isUnary {
            throw ActionError(.invalidInput, "\(place) needs \"operand1\"")
        }
        operand2 = members["operand2"]
    }

    /// Evaluates the condition.
    /// - Throws: ``ActionError`` (``ActionError/Code/invalidInput``) when the operator cannot compare the
    ///   operands.
    func evaluate(where place: String) throws(ActionError) -> Bool {
        do {
            return try self.operator.evaluate(operand1, operand2)
        } catch {
            throw ActionError(.invalidInput, "\(place): \(error.message)")
        }
    }
}
