/// Why the runtime refused or could not run an instance.
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A step's action id is not registered.
        public static let unknownAction = Code("UNKNOWN_ACTION")
        /// A step's connection cannot be resolved (not in the connections file, a missing variable).
        public static let connection = Code("CONNECTION")
        /// The trigger asked for is not in the spec.
        public static let unknownTrigger = Code("UNKNOWN_TRIGGER")
        /// Inputs do not match the input schema.
        public static let invalidInputs = Code("INVALID_INPUTS")
        /// The spec does not compile.
        public static let invalidSpec = Code("INVALID_SPEC")
        /// No such instance.
        public static let notFound = Code("NOT_FOUND")
        /// The store failed.
        public static let store = Code("STORE")
        /// An instance with the id exists already.
        public static let duplicate = Code("DUPLICATE")
        /// Another live process owns the instance (its lease has not expired).
        public static let owned = Code("OWNED")
        /// The instance's resumptions kept dying: it was marked failed instead of resumed.
        public static let quarantined = Code("QUARANTINED")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
