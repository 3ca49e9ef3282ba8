/// A condition that cannot be evaluated: operands of types the operator does not compare.
///
/// A false condition is not an error; this is raised only when the question itself makes no sense
/// (`OPERATOR_GREATER_THAN` between an object and a number, `OPERATOR_CONTAINS` on a number, …).
public struct ConditionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A message a person understands, naming the operator and the operand types.
    public var message: String

    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
