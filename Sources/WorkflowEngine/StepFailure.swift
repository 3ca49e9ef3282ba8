import WorkflowModel

/// Why a step failed: readable by a fallback step as `Steps.<name>.error` = `{message, code, attempts}`.
public struct StepFailure: Sendable, Hashable, Codable, Error {
    /// A message a person understands.
    public var message: String
    /// A short machine code (`FAILED`, `TIMED_OUT`, `TEMPLATE_ERROR`, `COMPLETION_CONDITION_NOT_MET`, …).
    public var code: String
    /// How many times the action ran in all.
    public var attempts: Int

    public init(message: String, code: String, attempts: Int = 1) {
        self.message = message
        self.code = code
        self.attempts = attempts
    }

    /// The `{message, code, attempts}` object templates read.
    public var jsonValue: JSONValue {
        ["message": .string(message), "code": .string(code), "attempts": .number(Double(attempts))]
    }

    /// Codes the engine itself produces.
    public enum Codes {
        public static let templateError = "TEMPLATE_ERROR"
        public static let completionConditionNotMet = "COMPLETION_CONDITION_NOT_MET"
        public static let conditionError = "CONDITION_ERROR"
        public static let outputError = "OUTPUT_ERROR"
        /// The instance reached ``InstanceLifetime/maximum`` (seven days) and was stopped.
        public static let instanceTimeout = "INSTANCE_TIMEOUT"
        /// The instance's resumption failed too many times in a row (its process died each time); it is not
        /// resumed again.
        public static let quarantined = "QUARANTINED"
    }
}
