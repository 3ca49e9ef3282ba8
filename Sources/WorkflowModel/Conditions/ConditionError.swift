/// A condition that cannot be read or evaluated: an unknown operator, a missing operand, operands of types the
/// operator does not compare.
///
/// A false condition is not an error; this is raised only when the question itself makes no sense
/// (`OPERATOR_GREATER_THAN` between an object and a number, `OPERATOR_CONTAINS` on a number, an operator
/// Stepwise does not know, …).
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of condition errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The condition is not an object, names no operator, an unknown one, or lacks an operand.
        public static let malformed = Code("MALFORMED_CONDITION")
        /// The operator does not compare the operands' types.
        public static let incomparable = Code("INCOMPARABLE_OPERANDS")
        public var description: String { name }
    }

    /// What kind of error; tests compare codes.
    public var code: Code
    /// A message a person understands, naming the operator and the operand types.
    public var message: String
    /// The member of the condition at fault (`comparisonOperator`, `leftValue`, …), when it is one member.
    public var member: String?

    /// Creates an error with `message`.
    public init(_ message: String, code: Code = .incomparable, member: String? = nil) {
        self.code = code
        self.message = message
        self.member = member
    }

    public var description: String { message }
}
