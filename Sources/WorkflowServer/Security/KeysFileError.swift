/// A keys file (`serve --keys`) that cannot be used, with where the problem is: `FILE:LINE:COLUMN: FIELD: message`.
public struct KeysFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The file cannot be read.
        public static let unreadable = Code("UNREADABLE")
        /// Group or others may read or write the file (as ssh refuses such a private key file).
        public static let permissions = Code("PERMISSIONS")
        /// The text is not YAML or JSON.
        public static let malformed = Code("MALFORMED")
        /// A field is missing.
        public static let missingField = Code("MISSING_FIELD")
        /// A field the format does not have.
        public static let unknownField = Code("UNKNOWN_FIELD")
        /// A field has a value of the wrong kind or form (a key stored in clear, an unknown scope, …).
        public static let invalidValue = Code("INVALID_VALUE")
        /// Two keys share a name or a key pair.
        public static let duplicate = Code("DUPLICATE")
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The file.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The field, as a path (`keys[1].scopes[0]`), when the problem is in one.
    public var field: String?
    /// What is wrong, for people (never a key's value).
    public var message: String

    /// Creates an error.
    public init(
        _ code: Code, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let field { text += ": \(field)" }
        return text + ": " + message
    }
}
