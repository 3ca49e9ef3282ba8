import WorkflowModel

/// One declared input of an action manifest.
public struct ManifestInput: Sendable, Hashable {
    /// The JSON type an input accepts.
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case string, number, integer, boolean, object, array, any

        /// Whether `value` has this type (`integer`: a number without a fraction).
        public func accepts(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.any, _), (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object),
                (.array, .array):
                return true
            case (.integer, .number(let number)):
                return number.rounded() == number
            default:
                return false
            }
        }
    }

    /// The parameter name a step gives it under.
    public var name: String
    public var type: ValueType
    /// A step must give it (unless a default exists).
    public var required: Bool
    /// Used when a step does not give it.
    public var defaultValue: JSONValue?
    public var description: String?

    public init(
        name: String, type: ValueType, required: Bool = false, defaultValue: JSONValue? = nil,
        description: String? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
    }
}

/// One declared output of an action manifest.
public struct ManifestOutput: Sendable, Hashable {
    public var name: String
    public var type: ManifestInput.ValueType
    /// Where the value comes from (`{{ Result.body.number }}`); without any `value`, the implementation's raw
    /// result is the step's output.
    public var value: JSONValue?
    public var description: String?
    /// The structure of the value with empty leaves (`{"custom": {"userIdentity": {"arn": ""}}}`), for the
    /// default mock of a dry run; nil: the empty value of ``type``.
    public var shape: JSONValue?

    public init(
        name: String, type: ManifestInput.ValueType = .any, value: JSONValue? = nil, description: String? = nil,
        shape: JSONValue? = nil
    ) {
        self.name = name
        self.type = type
        self.value = value
        self.description = description
        self.shape = shape
    }

    /// What a dry run gives this output when no mock names the step: ``shape``, else the empty value of the
    /// type (`""`, `0`, `false`, `{}`, `[]`; `null` for `any`).
    public var emptyValue: JSONValue {
        if let shape { return shape }
        switch type {
        case .string: return ""
        case .number, .integer: return 0
        case .boolean: return false
        case .object: return .emptyObject
        case .array: return []
        case .any: return .null
        }
    }
}
