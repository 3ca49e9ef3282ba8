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

    /// The longest duration a spec may hold: Datadog's 7-day instance limit (``InstanceLifetime/maximum``).
    /// Nothing in an instance can wait longer, and the bound keeps every sum and product of spec durations far
    /// from overflowing. Validation reports a longer one (``exceedsInstanceLifetime``) at its pointer.
    public static let maximumSeconds: Int64 = InstanceLifetime.maximum.components.seconds

    /// Parses `"<integer>s"`. Any whole number of seconds that fits 64 bits parses (`"9223372036854775807s"`
    /// included: nothing is multiplied here, so nothing traps); validation bounds it.
    /// - Throws: ``SpecDuration/FormatError`` when the text is not a whole, non-negative number of seconds.
    public init(_ text: String) throws(FormatError) {
        guard text.count >= 2, text.hasSuffix("s"), text.first?.isNumber == true,
            let seconds = Int64(text.dropLast()), seconds >= 0
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
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }

    /// Whether the duration is longer than the 7-day instance limit (``maximumSeconds``).
    public var exceedsInstanceLifetime: Bool { seconds > Self.maximumSeconds }

    /// The validation message for a duration longer than the 7-day instance limit.
    public var tooLongMessage: String {
        "duration \"\(text)\" is longer than the 7-day instance limit (at most \"\(Self.maximumSeconds)s\")"
    }

    /// A duration that is not `"<integer>s"`.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        /// What kind of error (always `MALFORMED_DURATION`).
        public let code = "MALFORMED_DURATION"
        /// The text that did not parse.
        public var text: String
        /// An error for `text`.
        public init(text: String) { self.text = text }

        public var description: String {
            "invalid duration \"\(text)\": expected a whole number of seconds such as \"86400s\""
        }
    }
}
