/// Why a connection could not be loaded or resolved.
public struct ConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The connections file does not have the documented shape.
        public static let malformed = Code("MALFORMED_CONNECTIONS")
        /// A header value names an environment variable that is not set.
        public static let missingVariable = Code("MISSING_VARIABLE")
        /// A step's connection label names no connection of the spec or of the connections file.
        public static let unknownConnection = Code("UNKNOWN_CONNECTION")
        /// A credential file or a secret file cannot be read.
        public static let unreadable = Code("UNREADABLE_CREDENTIALS")
        /// A connection lacks a credential its service needs.
        public static let missingCredential = Code("MISSING_CREDENTIAL")
        public var description: String { name }
    }

    public var code: Code
    /// A message naming the connection, the header or the variable.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
