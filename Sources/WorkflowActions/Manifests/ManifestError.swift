/// Why an action manifest could not be loaded.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The file or directory cannot be read, or is not JSON.
        public static let unreadable = Code("UNREADABLE_MANIFEST")
        /// The manifest does not have the documented shape.
        public static let malformed = Code("MALFORMED_MANIFEST")
        /// Two manifests of one directory, or a manifest and a built-in action, share an action id.
        public static let duplicate = Code("DUPLICATE_MANIFEST")
        public var description: String { name }
    }

    public var code: Code
    /// A message naming the file and the field at fault.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
