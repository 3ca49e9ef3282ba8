import WorkflowModel

/// Inputs read as Datadog's private action runner reads them: an absent or `null` input is the zero value, an
/// unknown input is ignored, and a value of the wrong type fails the step with the runner's
/// `error unmarshaling inputs from JSON: …` message, naming the input.
extension ActionInvocation {
    /// The runner's failure for input `name`, which should be `expected`.
    public func runnerInputError(_ name: String, expected: String) -> ActionError {
        ActionError(
            .invalidInput,
            "error unmarshaling inputs from JSON: input \"\(name)\" must be \(expected), got "
                + (inputs[name]?.typeName ?? "nothing"))
    }

    /// The string input `name`; `""` when absent or null.
    /// - Throws: ``ActionError`` `.invalidInput` when it is not a string.
    public func runnerString(_ name: String) throws(ActionError) -> String {
        switch inputs[name] {
        case nil, .null?: return ""
        case .string(let text)?: return text
        default: throw runnerInputError(name, expected: "a string")
        }
    }

    /// The list of strings `name`; empty when absent or null.
    /// - Throws: ``ActionError`` `.invalidInput` when it is not a list of strings.
    public func runnerStrings(_ name: String) throws(ActionError) -> [String] {
        switch inputs[name] {
        case nil, .null?: return []
        case .array(let items)?:
            var strings: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw runnerInputError(name, expected: "a list of strings") }
                strings.append(text)
            }
            return strings
        default: throw runnerInputError(name, expected: "a list of strings")
        }
    }

    /// The list `name`; empty when absent or null.
    /// - Throws: ``ActionError`` `.invalidInput` when it is not a list.
    public func runnerList(_ name: String) throws(ActionError) -> [JSONValue] {
        switch inputs[name] {
        case nil, .null?: return []
        case .array(let items)?: return items
        default: throw runnerInputError(name, expected: "a list")
        }
    }

    /// The whole number input `name` within `range`; `nil` when absent or null.
    /// - Throws: ``ActionError`` `.invalidInput` when it is not a whole number in `range`.
    public func runnerInteger(_ name: String, in range: ClosedRange<Int>) throws(ActionError) -> Int? {
        switch inputs[name] {
        case nil, .null?: return nil
        case .number(let value)?:
            guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound)
            else {
                throw runnerInputError(name, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return Int(value)
        default:
            throw runnerInputError(name, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
    }

    /// The boolean input `name`; `nil` when absent or null.
    /// - Throws: ``ActionError`` `.invalidInput` when it is not a boolean.
    public func runnerBool(_ name: String) throws(ActionError) -> Bool? {
        switch inputs[name] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw runnerInputError(name, expected: "true or false")
        }
    }
}
