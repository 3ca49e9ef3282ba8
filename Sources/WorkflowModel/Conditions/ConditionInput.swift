/// One condition of `core.if`, `core.switch` or `core.whileLoop`, read from its rendered JSON.
///
/// Two forms: `{operand1, operator, operand2}` (``ConditionOperator/init(name:)`` names: `OPERATOR_EQUAL`, …),
/// and the UI's unary form `{comparisonOperator: "nonnull" | "null" | "empty" | "nonempty", value}`.
public struct ConditionInput: Sendable {
    public var operand1: JSONValue?
    public var `operator`: ConditionOperator
    public var operand2: JSONValue?

    /// Reads a condition; `where` names it in messages (`conditions[0]`). When `defaultOperand1` is given, a
    /// condition without `operand1` compares it (a switch case's condition reads the switch expression).
    /// - Throws: ``ConditionError`` naming `place` when the condition is malformed.
    public init(_ value: JSONValue, where place: String, defaultOperand1: JSONValue? = nil) throws(ConditionError) {
        guard case .object(let members) = value else {
            throw ConditionError("\(place) must be an object, got \(value.typeName)")
        }
        if let unary = members["comparisonOperator"] {
            guard case .string(let name) = unary, let op = ConditionOperator(name: name) else {
                throw ConditionError(
                    "\(place).comparisonOperator must be one of null, nonnull, empty, nonempty (or an OPERATOR_* name), got \(unary.compactJSON)"
                )
            }
            self.operator = op
            operand1 = members["value"] ?? members["operand1"]
            operand2 = members["operand2"]
            return
        }
        guard let named = members["operator"] else {
            throw ConditionError("\(place) needs an \"operator\" (or the unary \"comparisonOperator\")")
        }
        guard case .string(let name) = named, let op = ConditionOperator(name: name) else {
            throw ConditionError("\(place).operator is not a known operator: \(named.compactJSON)")
        }
        self.operator = op
        if let operand1 = members["operand1"] {
            self.operand1 = operand1
        } else if let defaultOperand1 {
            self.operand1 = defaultOperand1
        } else if !op.isUnary {
            throw ConditionError("\(place) needs \"operand1\"")
        }
        operand2 = members["operand2"]
    }

    /// Evaluates the condition.
    /// - Throws: ``ConditionError`` naming `place` when the operator cannot compare the operands.
    public func evaluate(where place: String) throws(ConditionError) -> Bool {
        do {
            return try self.operator.evaluate(operand1, operand2)
        } catch {
            throw ConditionError("\(place): \(error.message)")
        }
    }
}
