/// Inputs refused by a workflow's ``InputSchema``, with every problem at once.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why one input was refused.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The input parameter concerned.
        public var parameter: String
        /// What kind of problem; tests compare codes.
        public var code: Code
        /// A message a person understands (for ``Code/unknownParameter``, Datadog's message verbatim).
        public var message: String

        /// Creates a problem.
        public init(parameter: String, code: Code, message: String) {
            self.parameter = parameter
            self.code = code
            self.message = message
        }

        public var description: String { message }
    }

    /// The kinds of input problems.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A key that is not in the input schema.
        public static let unknownParameter = Code("UNKNOWN_PARAMETER")
        /// A parameter without default value that was not given (or given as `null`).
        public static let missingRequired = Code("MISSING_REQUIRED")
        /// A value that does not have the declared type.
        public static let typeMismatch = Code("TYPE_MISMATCH")
        /// A value not among `allowedValues` (and `allowExtraValues` is not true).
        public static let notAllowed = Code("NOT_ALLOWED")
        /// A parameter whose declared type is not one of the eight.
        public static let unknownType = Code("UNKNOWN_TYPE")
        /// Command-line text that cannot be read as the declared type.
        public static let unparsableText = Code("UNPARSABLE_TEXT")
        public var description: String { name }
    }

    /// The problems, unknown keys first (sorted), then the schema's parameters in order.
    public var problems: [Problem]

    /// Creates an error listing `problems`.
    public init(problems: [Problem]) { self.problems = problems }

    /// Every problem's message, separated by `; `.
    public var description: String { problems.map(\.message).joined(separator: "; ") }
}
