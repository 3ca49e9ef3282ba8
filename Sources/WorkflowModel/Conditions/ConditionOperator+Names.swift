extension ConditionOperator {
    /// The operator named `name`: the spec's `OPERATOR_*` names, the UI's unary `comparisonOperator` names of
    /// `core.if` (`null`, `nonnull`, `empty`, `nonempty`), and common short forms (`eq`, `==`, `neq`, `!=`, `gt`,
    /// `>`, `gte`, `>=`, `lt`, `<`, `lte`, `<=`, `contains`, `doesNotContain`/`notContains`). Case-insensitive.
    /// `nil` for anything else.
    public init?(name: String) {
        if let exact = ConditionOperator(rawValue: name) {
            self = exact
            return
        }
        let lowered = name.lowercased()
        if let named = ConditionOperator(rawValue: "OPERATOR_" + name.uppercased()) {
            self = named
            return
        }
        switch lowered {
        case "eq", "==", "===", "equal", "equals": self = .equal
        case "neq", "ne", "!=", "!==", "notequal", "not_equal": self = .notEqual
        case "gt", ">", "greaterthan": self = .greaterThan
        case "gte", "ge", ">=", "greaterthanorequalto", "greaterthanorequal": self = .greaterThanOrEqualTo
        case "lt", "<", "lessthan": self = .lessThan
        case "lte", "le", "<=", "lessthanorequalto", "lessthanorequal": self = .lessThanOrEqualTo
        case "contains": self = .contains
        case "doesnotcontain", "notcontains", "not_contains", "does_not_contain": self = .doesNotContain
        default:
            guard let unary = ConditionOperator(unaryComparison: lowered) else { return nil }
            self = unary
        }
    }

    /// The operator of the UI's unary condition form of `core.if`
    /// (`{comparisonOperator: "nonnull" | "null" | "empty" | "nonempty", value}`); `nil` for other names.
    public init?(unaryComparison name: String) {
        switch name.lowercased() {
        case "null", "isnull": self = .isNull
        case "nonnull", "notnull", "isnotnull": self = .isNotNull
        case "empty", "isempty": self = .isEmpty
        case "nonempty", "notempty", "isnotempty": self = .isNotEmpty
        default: return nil
        }
    }
}
