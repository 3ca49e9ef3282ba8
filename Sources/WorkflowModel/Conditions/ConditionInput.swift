/// One condition of `core.if`, `core.switch` or `core.whileLoop`, read from its rendered JSON.
///
/// Two forms (docs/conditions.md):
/// - the UI's: `{comparisonOperator, leftValue, rightValue}` for the binary operators and
///   `{comparisonOperator, value}` for `null`, `nonnull`, `empty` and `nonempty`, the operator one of
///   ``ConditionOperator/comparisonCodes``;
/// - the gate-like `{operand1, operator, operand2}`, the operator any ``ConditionOperator/init(name:)`` name.
///
/// Operand values keep their JSON types (`rightValue: true` is a Boolean).
public struct ConditionInput: Sendable {
    public var operand1: JSONValue?
    public var `operator`: ConditionOperator
    public var operand2: JSONValue?

    /// Reads a condition; `where` names it in messages (`conditions[0]`). When `defaultOperand1` is given, a
    /// condition without a left operand compares it (a switch case's condition reads the switch expression).
    /// - Throws: ``ConditionError`` (code ``ConditionError/Code/malformed``) naming `place` and the member at
    ///   fault when the condition is malformed or its operator unknown.
    public init(_ value: JSONValue, where place: String, defaultOperand1: JSONValue? = nil) throws(ConditionError) {
        guard case .object(let members) = value else {
            throw ConditionError("\(place) must be an object, got \(value.typeName)", code: .malformed)
        }
        if let code = members["comparisonOperator"] {
            (self.operator, operand1, operand2) = try Self.readUI(
                members, code: code, where: place, defaultOperand1: defaultOperand1)
            return
        }
        guard let named = members["operator"] else {
            throw ConditionError(
                "\(place) needs a \"comparisonOperator\" (or an \"operator\")", code: .malformed)
        }
        guard case .string(let name) = named, let op = ConditionOperator(name: name) else {
            throw ConditionError(
                "\(place).operator is not a known operator: \(named.compactJSON)", code: .malformed,
                member: "operator")
        }
        self.operator = op
        if let operand1 = members["operand1"] {
            self.operand1 = operand1
        } else if let defaultOperand1 {
            self.operand1 = defaultOperand1
        } else if !op.isUnary {
            throw ConditionError("\(place) needs \"operand1\"", code: .malformed)
        }
        operand2 = members["operand2"]
    }

    /// The UI form: `leftValue`/`rightValue`, or `value` for a unary operator.
    private static func readUI(
        _ members: [String: JSONValue], code: JSONValue, where place: String, defaultOperand1: JSONValue?
    ) throws(ConditionError) -> (ConditionOperator, JSONValue?, JSONValue?) {
        guard case .string(let name) = code, let op = ConditionOperator(comparisonOperator: name) else {
            let known = ConditionOperator.comparisonCodes.map(\.key).joined(separator: ", ")
            throw ConditionError(
                "\(place).comparisonOperator \(code.compactJSON) is not an operator Stepwise knows; expected one of \(known)",
                code: .malformed, member: "comparisonOperator")
        }
        if op.isUnary {
            // A unary condition reads `value`; a missing one is a missing value (it counts as null).
            return (op, members["value"] ?? members["leftValue"] ?? defaultOperand1, nil)
        }
        guard let left = members["leftValue"] ?? defaultOperand1 else {
            throw ConditionError(
                "\(place) with comparisonOperator \"\(name)\" needs \"leftValue\"", code: .malformed,
                member: "leftValue")
        }
        guard let right = members["rightValue"] else {
            throw ConditionError(
                "\(place) with comparisonOperator \"\(name)\" needs \"rightValue\"", code: .malformed,
                member: "rightValue")
        }
        return (op, left, right)
    }

    /// Evaluates the condition.
    /// - Throws: ``ConditionError`` naming `place` when the operator cannot compare the operands.
    public func evaluate(where place: String) throws(ConditionError) -> Bool {
        do {
            return try self.operator.evaluate(operand1, operand2)
        } catch {
            throw ConditionError("\(place): \(error.message)", code: error.code)
        }
    }
}
