/// A template that cannot be parsed or rendered.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of template errors.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// Malformed `{{ … }}`: unclosed braces, an empty path, a bad bracket.
        public static let syntax = Code("SYNTAX")
        /// A path whose root is not one of ``TemplateRoot``.
        public static let unknownRoot = Code("UNKNOWN_ROOT")
        /// A `${ … }` JavaScript expression, which needs the JavaScript engine.
        public static let javaScriptUnsupported = Code("JAVASCRIPT_UNSUPPORTED")
        /// A `${ … }` expression that did not evaluate: a syntax error, an exception, a limit, a result that is
        /// not JSON.
        public static let javaScript = Code("JAVASCRIPT")
        public var description: String { name }
    }

    /// What kind of error; tests compare codes.
    public var code: Code
    /// A message a person understands; it quotes the template text and, once known, names the parameter.
    public var message: String
    /// The step parameter the template belongs to, when known.
    public var parameter: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, parameter: String? = nil) {
        self.code = code
        self.message = message
        self.parameter = parameter
    }

    /// This error, for the parameter `name`: the message is prefixed with `parameter "<name>": `.
    public func inParameter(_ name: String) -> TemplateError {
        TemplateError(code, "parameter \"\(name)\": \(message)", parameter: name)
    }

    public var description: String { message }

    /// `text` quoted for a message, cut after 200 characters.
    public static func quote(_ text: String) -> String {
        let limit = 200
        guard text.count > limit else { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\""
    }
}
