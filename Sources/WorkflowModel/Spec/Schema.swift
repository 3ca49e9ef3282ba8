/// The inputs a workflow accepts.
public struct InputSchema: Sendable, Hashable, Codable {
    public var parameters: [InputParameter]?
    public init(parameters: [InputParameter]? = nil) { self.parameters = parameters }
}

/// The outputs a workflow produces.
public struct OutputSchema: Sendable, Hashable, Codable {
    public var parameters: [OutputParameter]?
    public init(parameters: [OutputParameter]? = nil) { self.parameters = parameters }
}

/// The eight value types of input and output parameters.
public enum ParameterType: String, Sendable, Hashable, Codable, CaseIterable {
    case string = "STRING"
    case number = "NUMBER"
    case boolean = "BOOLEAN"
    case object = "OBJECT"
    case arrayString = "ARRAY_STRING"
    case arrayNumber = "ARRAY_NUMBER"
    case arrayBoolean = "ARRAY_BOOLEAN"
    case arrayObject = "ARRAY_OBJECT"

    /// Whether `value` has this type (`null` matches none).
    public func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object): return true
        case (.arrayString, .array(let items)): return items.allSatisfy { $0.stringValue != nil }
        case (.arrayNumber, .array(let items)): return items.allSatisfy { $0.numberValue != nil }
        case (.arrayBoolean, .array(let items)): return items.allSatisfy { $0.boolValue != nil }
        case (.arrayObject, .array(let items)): return items.allSatisfy { $0.objectValue != nil }
        default: return false
        }
    }

    /// How a person reads the type in a message ("a number", "an array of strings").
    public var phrase: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .object: return "an object"
        case .arrayString: return "an array of strings"
        case .arrayNumber: return "an array of numbers"
        case .arrayBoolean: return "an array of booleans"
        case .arrayObject: return "an array of objects"
        }
    }
}

/// One workflow input: `Trigger.<name>` in templates.
public struct InputParameter: Sendable, Hashable, Codable {
    public var name: String
    /// The declared type; kept as text so an unknown type is a validation error, not a decoding failure.
    public var type: String
    public var label: String?
    public var description: String?
    /// Without a default the input is required.
    public var defaultValue: JSONValue?
    /// The allowed values, an enum unless `allowExtraValues` is true.
    public var allowedValues: JSONValue?
    public var allowExtraValues: Bool?

    public init(
        name: String,
        type: ParameterType,
        label: String? = nil,
        description: String? = nil,
        defaultValue: JSONValue? = nil,
        allowedValues: JSONValue? = nil,
        allowExtraValues: Bool? = nil
    ) {
        self.name = name
        self.type = type.rawValue
        self.label = label
        self.description = description
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.allowExtraValues = allowExtraValues
    }

    /// The declared type, when it is one of the eight.
    public var parameterType: ParameterType? { ParameterType(rawValue: type) }
}

/// One workflow output, rendered from its `value` template when the run succeeds.
public struct OutputParameter: Sendable, Hashable, Codable {
    public var name: String
    /// The declared type; kept as text so an unknown type is a validation error, not a decoding failure.
    public var type: String
    public var label: String?
    public var description: String?
    public var defaultValue: JSONValue?
    public var value: JSONValue?

    public init(
        name: String,
        type: ParameterType,
        label: String? = nil,
        description: String? = nil,
        defaultValue: JSONValue? = nil,
        value: JSONValue? = nil
    ) {
        self.name = name
        self.type = type.rawValue
        self.label = label
        self.description = description
        self.defaultValue = defaultValue
        self.value = value
    }

    /// The declared type, when it is one of the eight.
    public var parameterType: ParameterType? { ParameterType(rawValue: type) }
}
