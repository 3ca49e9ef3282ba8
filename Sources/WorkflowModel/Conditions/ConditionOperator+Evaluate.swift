extension ConditionOperator {
    /// Evaluates `lhs <operator> rhs` with the coercions of docs/semantics.md#completion-gates. `nil` is a missing value (a template
    /// path that names nothing); it counts as `null`.
    ///
    /// - `EQUAL`/`NOT_EQUAL`: deep equality, numbers numerically, a numeric string equals the number
    ///   (``JSONValue/looselyEquals(_:)``).
    /// - `GREATER…`/`LESS…`: numerically when both sides are numbers or numeric strings, lexically (by Unicode
    ///   scalar values) when both are strings.
    /// - `CONTAINS`/`DOES_NOT_CONTAIN`: a substring of a string (the right side may be a string, number or
    ///   Boolean, in its text form), an element of an array (loose equality), a key of an object.
    /// - `IS_NULL`/`IS_NOT_NULL`: `null` or missing. `IS_EMPTY`/`IS_NOT_EMPTY`: missing, `null`, `""`, `[]`, `{}`.
    ///   These ignore `rhs`.
    /// - Throws: ``ConditionError`` naming the operator and the operand types when the operator does not
    ///   compare them (an ordering between an object and a number, `CONTAINS` on a number, …). A false
    ///   condition is not an error.
    public func evaluate(_ lhs: JSONValue?, _ rhs: JSONValue?) throws(ConditionError) -> Bool {
        switch self {
        case .equal: return (lhs ?? .null).looselyEquals(rhs ?? .null)
        case .notEqual: return !(lhs ?? .null).looselyEquals(rhs ?? .null)
        case .greaterThan: return try order(lhs, rhs) > 0
        case .lessThan: return try order(lhs, rhs) < 0
        case .greaterThanOrEqualTo: return try order(lhs, rhs) >= 0
        case .lessThanOrEqualTo: return try order(lhs, rhs) <= 0
        case .contains: return try contains(lhs, rhs)
        case .doesNotContain: return try !contains(lhs, rhs)
        case .isNull: return lhs?.isNull ?? true
        case .isNotNull: return !(lhs?.isNull ?? true)
        case .isEmpty: return lhs?.isEmptyValue ?? true
        case .isNotEmpty: return !(lhs?.isEmptyValue ?? true)
        }
    }

    /// -1, 0 or 1.
    private func order(_ lhs: JSONValue?, _ rhs: JSONValue?) throws(ConditionError) -> Int {
        if let left = lhs?.numericValue, let right = rhs?.numericValue {
            return left < right ? -1 : (left > right ? 1 : 0)
        }
        if case .string(let left)? = lhs, case .string(let right)? = rhs {
            return left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
                ? -1 : (left == right ? 0 : 1)
        }
        throw ConditionError(
            "\(rawValue) compares two numbers (or numeric strings) or two strings, not \(Self.describe(lhs)) and \(Self.describe(rhs))"
        )
    }

    private func contains(_ lhs: JSONValue?, _ rhs: JSONValue?) throws(ConditionError) -> Bool {
        switch lhs {
        case .string(let text)?:
            let needle: String
            switch rhs {
            case .string(let value)?: needle = value
            case .number(let value)?: needle = JSONValue.format(number: value)
            case .bool(let value)?: needle = value ? "true" : "false"
            default:
                throw ConditionError(
                    "\(rawValue) on a string needs a string, number or boolean to look for, not \(Self.describe(rhs))"
                )
            }
            return needle.isEmpty || text.contains(needle)
        case .array(let elements)?:
            let needle = rhs ?? .null
            return elements.contains { $0.looselyEquals(needle) }
        case .object(let members)?:
            switch rhs {
            case .string(let key)?: return members[key] != nil
            case .number(let value)?: return members[JSONValue.format(number: value)] != nil
            default:
                throw ConditionError("\(rawValue) on an object needs a key (a string), not \(Self.describe(rhs))")
            }
        default:
            throw ConditionError(
                "\(rawValue) looks into a string, an array or an object, not \(Self.describe(lhs)) (with \(Self.describe(rhs)))"
            )
        }
    }

    /// "a number", "a missing value", … for messages.
    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "a missing value" }
        switch value {
        case .null: return "null"
        case .array, .object: return "an \(value.typeName)"
        default: return "a \(value.typeName)"
        }
    }
}
