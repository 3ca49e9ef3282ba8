/// "Wait until": after the action succeeds, check a condition and run the action again until it holds.
public struct CompletionGate: Sendable, Hashable, Codable {
    public var completionCondition: CompletionCondition
    public var retryStrategy: RetryStrategy
    public init(completionCondition: CompletionCondition, retryStrategy: RetryStrategy) {
        self.completionCondition = completionCondition
        self.retryStrategy = retryStrategy
    }
}

/// `operand1 operator operand2`; operands are templates.
public struct CompletionCondition: Sendable, Hashable, Codable {
    public var operand1: JSONValue
    public var `operator`: ConditionOperator
    public var operand2: JSONValue?
    public init(operand1: JSONValue, operator: ConditionOperator, operand2: JSONValue? = nil) {
        self.operand1 = operand1
        self.operator = `operator`
        self.operand2 = operand2
    }
}

/// The twelve comparison operators of completion gates (and of `core.if` conditions).
public enum ConditionOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case equal = "OPERATOR_EQUAL"
    case notEqual = "OPERATOR_NOT_EQUAL"
    case greaterThan = "OPERATOR_GREATER_THAN"
    case lessThan = "OPERATOR_LESS_THAN"
    case greaterThanOrEqualTo = "OPERATOR_GREATER_THAN_OR_EQUAL_TO"
    case lessThanOrEqualTo = "OPERATOR_LESS_THAN_OR_EQUAL_TO"
    case contains = "OPERATOR_CONTAINS"
    case doesNotContain = "OPERATOR_DOES_NOT_CONTAIN"
    case isNull = "OPERATOR_IS_NULL"
    case isNotNull = "OPERATOR_IS_NOT_NULL"
    case isEmpty = "OPERATOR_IS_EMPTY"
    case isNotEmpty = "OPERATOR_IS_NOT_EMPTY"

    /// Whether the operator reads only `operand1`.
    public var isUnary: Bool {
        switch self {
        case .isNull, .isNotNull, .isEmpty, .isNotEmpty: return true
        default: return false
        }
    }
}

/// How often and how long to retry. Only the linear kind exists.
public struct RetryStrategy: Sendable, Hashable, Codable {
    public var kind: Kind
    public var linear: Linear?

    public init(kind: Kind = .linear, linear: Linear?) {
        self.kind = kind
        self.linear = linear
    }

    /// A linear strategy: wait `interval` between attempts, at most `maxRetries` more attempts.
    public static func linear(interval: SpecDuration, maxRetries: Int) -> RetryStrategy {
        RetryStrategy(kind: .linear, linear: Linear(interval: interval, maxRetries: Double(maxRetries)))
    }

    /// The retry kinds.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case linear = "RETRY_STRATEGY_LINEAR"
    }

    /// A fixed wait between attempts.
    public struct Linear: Sendable, Hashable, Codable {
        public var interval: SpecDuration
        /// A JSON number in the schema; validation requires a whole number ≥ 0.
        public var maxRetries: Double
        public init(interval: SpecDuration, maxRetries: Double) {
            self.interval = interval
            self.maxRetries = maxRetries
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(interval, forKey: .interval)
            try container.encode(JSONValue.number(maxRetries), forKey: .maxRetries)
        }
    }

    /// The wait between attempts (zero without a linear strategy).
    public var interval: Duration { linear?.interval.duration ?? .zero }

    /// How many more attempts are allowed, at least zero.
    public var maxRetries: Int {
        guard let value = linear?.maxRetries, value.isFinite, value > 0 else { return 0 }
        return Int(min(value, Double(Int32.max)))
    }
}
