/// A duration written as a whole number of seconds with an `s` suffix (`"86400s"` is one day).
///
/// Parsed once, when the spec is decoded; the original text is kept so the spec encodes back unchanged.
public struct SpecDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The text as written in the spec.
    public let text: String
    /// The parsed duration.
    public let duration: Duration
    /// Whole seconds.
    public let seconds: Int64

    /// Parses `"<integer>s"`.
    /// - Throws: ``SpecDuration/FormatError`` when the text is not a whole, non-negative number of seconds.
    public init(_ text: String) throws {
        guard text.count >= 2, text.hasSuffix("s"), let seconds = Int64(text.dropLast()), seconds >= 0,
            text.first?.isNumber == true
        else {
            throw FormatError(text: text)
        }
        self.text = text
        self.seconds = seconds
        self.duration = .seconds(seconds)
    }

    /// A duration of whole seconds.
    public init(seconds: Int64) {
        self.text = "\(seconds)s"
        self.seconds = seconds
        self.duration = .seconds(seconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch let error as FormatError {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }

    /// A duration that is not `"<integer>s"`.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        /// The text that did not parse.
        public var text: String
        public var description: String {
            "invalid duration \"\(text)\": expected a whole number of seconds such as \"86400s\""
        }
    }
}
