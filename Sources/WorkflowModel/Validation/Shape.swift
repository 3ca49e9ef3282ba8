/// A small declarative JSON schema: the shape a JSON value must have before it is decoded.
///
/// Only what Datadog's OpenAPI `Spec` needs: objects with known members, arrays, scalar types, string enums,
/// `"<integer>s"` durations, and the one-of-19 trigger wrapper.
indirect enum Shape: Sendable {
    /// Any JSON value, `null` included.
    case any
    case string
    case number
    /// A number with no fractional part.
    case integer
    case boolean
    /// A string `"<integer>s"`.
    case duration
    /// A string out of a fixed set; `name` says what it is in messages.
    case enumeration(name: String, values: [String])
    case array(Shape)
    case object(ObjectShape)
    /// A trigger wrapper: `startStepNames` and exactly one of the ``TriggerKind`` members.
    case trigger
}

/// The members an object may have and must have.
struct ObjectShape: Sendable {
    /// Allowed members and their shapes.
    var properties: [String: Shape]
    /// Members that must be present, in the order they are reported.
    var required: [String]
    /// Whether members not in `properties` are allowed (and unchecked).
    var allowsUnknownMembers: Bool

    init(_ properties: [String: Shape], required: [String] = [], allowsUnknownMembers: Bool = false) {
        self.properties = properties
        self.required = required
        self.allowsUnknownMembers = allowsUnknownMembers
    }

    /// An object with any members.
    static let freeForm = ObjectShape([:], allowsUnknownMembers: true)
}
