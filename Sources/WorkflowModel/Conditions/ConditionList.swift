/// The `conditions` + `joinOperator` inputs of `core.if` and `core.whileLoop` (docs/semantics.md#conditions), evaluated.
public enum ConditionList {
    /// Evaluates `conditions` (a non-empty array) joined by `joinOperator` (`and` or `or`, default `and`).
    ///
    /// Every condition is evaluated (no short circuit), so a condition that cannot be evaluated is always reported.
    /// - Throws: ``ConditionError`` naming the input or condition at fault; a false result is not an error.
    public static func evaluate(conditions value: JSONValue, joinOperator: JSONValue?) throws(ConditionError) -> Bool {
        guard case .array(let conditions) = value else {
            throw ConditionError("input \"conditions\" must be an array, got \(value.typeName)", code: .malformed)
        }
        guard !conditions.isEmpty else {
            throw ConditionError("input \"conditions\" must hold at least one condition", code: .malformed)
        }
        let conjunction: Bool
        switch joinOperator {
        case nil, .null?: conjunction = true
        case .string(let name)? where name.lowercased() == "and": conjunction = true
        case .string(let name)? where name.lowercased() == "or": conjunction = false
        case let other?:
            throw ConditionError(
                "input \"joinOperator\" must be \"and\" or \"or\", got \(other.compactJSON)", code: .malformed)
        }
        var result = conjunction
        for (index, condition) in conditions.enumerated() {
            let place = "conditions[\(index)]"
            let holds = try ConditionInput(condition, where: place).evaluate(where: place)
            result = conjunction ? (result && holds) : (result || holds)
        }
        return result
    }
}
