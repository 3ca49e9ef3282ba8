import WorkflowModel

extension ActionInvocation {
    /// The input `name`, or an ``ActionError/Code/invalidInput`` error saying it is missing.
    /// - Throws: ``ActionError`` when the input is absent.
    public func requiredInput(_ name: String) throws(ActionError) -> JSONValue {
        guard let value = inputs[name] else {
            throw ActionError(.invalidInput, "missing required input \"\(name)\"")
        }
        return value
    }

    /// The string input `name`.
    /// - Throws: ``ActionError`` (``ActionError/Code/invalidInput``) when it is absent or not a string.
    public func stringInput(_ name: String) throws(ActionError) -> String {
        let value = try requiredInput(name)
        guard case .string(let text) = value else {
            throw ActionError(.invalidInput, "input \"\(name)\" must be a string, got \(value.typeName)")
        }
        return text
    }

    /// The number input `name`; a string holding a decimal number is accepted.
    /// - Throws: ``ActionError`` (``ActionError/Code/invalidInput``) when it is absent or not a number.
    public func numberInput(_ name: String) throws(ActionError) -> Double {
        let value = try requiredInput(name)
        guard let number = value.numericValue else {
            throw ActionError(.invalidInput, "input \"\(name)\" must be a number, got \(value.typeName)")
        }
        return number
    }
}
