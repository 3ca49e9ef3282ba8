extension ConditionOperator {
    /// The operator named `name`: the spec's `OPERATOR_*` names, the UI's `comparisonOperator` codes
    /// (``init(comparisonOperator:)``), and common short forms (`==`, `!=`, `>`, `>=`, `<`, `<=`, `ne`, `ge`,
    /// `le`, `notContains`, …). Case-insensitive. `nil` for anything else.
    public init?(name: String) {
        if let exact = ConditionOperator(rawValue: name) {
            self = exact
            return
        }
        if let named = ConditionOperator(rawValue: "OPERATOR_" + name.uppercased()) {
            self = named
            return
        }
        switch name.lowercased() {
        case "eq", "==", "===", "equal", "equals": self = .equal
        case "neq", "ne", "!=", "!==", "notequal", "not_equal": self = .notEqual
        case "gt", ">", "greaterthan": self = .greaterThan
        case "gte", "ge", ">=", "greaterthanorequalto", "greaterthanorequal": self = .greaterThanOrEqualTo
        case "lt", "<", "lessthan": self = .lessThan
        case "lte", "le", "<=", "lessthanorequalto", "lessthanorequal": self = .lessThanOrEqualTo
        case "contains": self = .contains
        case "doesnotcontain", "notcontains", "not_contains", "does_not_contain": self = .doesNotContain
        default:
            guard let unary = ConditionOperator(unaryComparison: name) else { return nil }
            self = unary
        }
    }

    /// The UI's `comparisonOperator` codes of `core.if`, `core.whileLoop` and `core.switch` conditions, one per
    /// completion-gate operator (docs/conditions.md): `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `contains`,
    /// `doesNotContain`, `null`, `nonnull`, `empty`, `nonempty`. Only `eq` and `nonnull` are seen in published
    /// workflows; the others are Stepwise's spelling of the remaining gate operators.
    public static let comparisonCodes: KeyValuePairs<String, ConditionOperator> = [
        "eq": .equal, "neq": .notEqual, "gt": .greaterThan, "gte": .greaterThanOrEqualTo, "lt": .lessThan,
        "lte": .lessThanOrEqualTo, "contains": .contains, "doesNotContain": .doesNotContain, "null": .isNull,
        "nonnull": .isNotNull, "empty": .isEmpty, "nonempty": .isNotEmpty,
    ]

    /// The operator of a UI `comparisonOperator` code (exact spelling, see ``comparisonCodes``) or an
    /// `OPERATOR_*` name; `nil` for anything else.
    public init?(comparisonOperator code: String) {
        if let exact = ConditionOperator(rawValue: code) {
            self = exact
            return
        }
        guard let found = Self.comparisonCodes.first(where: { $0.key == code }) else { return nil }
        self = found.value
    }

    /// The UI code of this operator (`eq`, `nonnull`, …).
    public var comparisonCode: String {
        Self.comparisonCodes.first { $0.value == self }?.key ?? rawValue
    }

    /// The operator of the UI's unary condition form (`null`, `nonnull`, `empty`, `nonempty`, and the spellings
    /// `isNull`, `notNull`, `isNotNull`, `isEmpty`, `notEmpty`, `isNotEmpty`), case-insensitive; `nil` for other
    /// names.
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
