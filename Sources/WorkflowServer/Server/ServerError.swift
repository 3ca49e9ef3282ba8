/// Why the server refused to start.
public struct ServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// No API keys are configured and the address is not loopback.
        public static let insecureBind = Code("INSECURE_BIND")
        /// The port is out of range.
        public static let invalidPort = Code("INVALID_PORT")
        /// A connection cap or timeout is out of range.
        public static let invalidLimit = Code("INVALID_LIMIT")
        /// Plain HTTP on an address other than loopback, without `--insecure-http`.
        public static let plainHTTP = Code("PLAIN_HTTP")
        /// The keys file cannot be used, or keys are given twice.
        public static let invalidKeys = Code("INVALID_KEYS")
        /// The TLS certificate or key cannot be used.
        public static let invalidTLS = Code("INVALID_TLS")
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// For people.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func == (lhs: ServerError, rhs: ServerError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
