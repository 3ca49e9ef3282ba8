/// Why a script did not give a result.
public struct JavaScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failures; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The script does not parse.
        public static let syntax = Code("SYNTAX")
        /// The script threw (the message is the exception's).
        public static let exception = Code("EXCEPTION")
        /// The script ran past ``JavaScriptLimits/timeLimit``.
        public static let timeLimit = Code("TIME_LIMIT")
        /// The script's heap grew past ``JavaScriptLimits/memoryLimit``, or the engine ran out of memory.
        public static let memoryLimit = Code("MEMORY_LIMIT")
        /// The result is not JSON: a function, a symbol, a cycle, a BigInt.
        public static let notSerializable = Code("NOT_SERIALIZABLE")
        /// The script is longer than ``JavaScriptLimits/maxScriptBytes``.
        public static let scriptTooLarge = Code("SCRIPT_TOO_LARGE")
        /// The engine cannot start (Lodash missing, a context that cannot be created).
        public static let unavailable = Code("UNAVAILABLE")
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// A message a person understands (with the JavaScript exception's own message when there is one).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
