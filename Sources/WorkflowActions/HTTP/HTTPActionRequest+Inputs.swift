import Foundation
import WorkflowModel

extension HTTPActionRequest {
    static func string(_ inputs: [String: JSONValue], _ name: String) throws(ActionError) -> String? {
        guard let value = inputs[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ActionError(.invalidInput, "input \"\(name)\" must be a string, got \(value.typeName)")
        }
        return text
    }

    static func bool(_ inputs: [String: JSONValue], _ name: String) throws(ActionError) -> Bool? {
        guard let value = inputs[name], !value.isNull else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw ActionError(.invalidInput, "input \"\(name)\" must be a boolean, got \(value.typeName)")
        }
    }

    /// `[{key, value}]` (value a string, number or boolean), or an object of the same. A `formData` entry
    /// `{type: "datauri"}` sends the base64 payload of its `data:` URI, as the runner does.
    static func pairs(
        _ inputs: [String: JSONValue], _ name: String
    ) throws(ActionError) -> [(name: String, value: String)]? {
        guard let value = inputs[name], !value.isNull else { return nil }
        if let members = value.objectValue {
            var result: [(name: String, value: String)] = []
            for key in members.keys.sorted() {
                result.append((name: key, value: try scalarText(members[key] ?? .null, input: name)))
            }
            return result
        }
        guard let items = value.arrayValue else {
            throw ActionError(.invalidInput, "input \"\(name)\" must be a list of {key, value}, got \(value.typeName)")
        }
        var result: [(name: String, value: String)] = []
        for (index, item) in items.enumerated() {
            guard let key = item["key"]?.stringValue else {
                throw ActionError(.invalidInput, "input \"\(name)[\(index)]\" needs a string \"key\"")
            }
            var text = try scalarText(item["value"] ?? .null, input: "\(name)[\(index)]")
            switch item["type"]?.stringValue {
            case nil, "string":
                break
            case "datauri":
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("data:"), let marker = trimmed.range(of: ";base64,") else {
                    throw ActionError(.invalidInput, "Expected base64 data URI for form data \(key)")
                }
                text = String(trimmed[marker.upperBound...])
            case let other?:
                throw ActionError(.invalidInput, "unknown form data category \(other) in input \"\(name)[\(index)]\"")
            }
            result.append((name: key, value: text))
        }
        return result
    }

    /// `requestHeaders`: `[{key, value: [string]}]` (values joined with `,` into one header, as the runner does; a
    /// plain string value is accepted too), or an object of name → string.
    static func headerPairs(_ inputs: [String: JSONValue]) throws(ActionError) -> [(name: String, value: String)] {
        guard let value = inputs["requestHeaders"], !value.isNull else { return [] }
        if value.objectValue != nil { return try pairs(inputs, "requestHeaders") ?? [] }
        guard let items = value.arrayValue else {
            throw ActionError(.invalidInput, "input \"requestHeaders\" must be a list of {key, value}")
        }
        var result: [(name: String, value: String)] = []
        for (index, item) in items.enumerated() {
            let path = "requestHeaders[\(index)]"
            guard let key = item["key"]?.stringValue, !key.isEmpty, !key.contains(where: { $0 == ":" || $0.isNewline })
            else { throw ActionError(.invalidInput, "input \"\(path)\" needs a header name as \"key\"") }
            var texts: [String] = []
            for element in item["value"]?.arrayValue ?? [item["value"] ?? .null] {
                let text = try scalarText(element, input: path)
                guard !text.contains(where: \.isNewline) else {
                    throw ActionError(.invalidInput, "input \"\(path)\" has a line break in its value")
                }
                texts.append(text)
            }
            result.append((name: key, value: texts.joined(separator: ",")))
        }
        return result
    }

    static func scalarText(_ value: JSONValue, input: String) throws(ActionError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return JSONValue.format(number: number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .array, .object:
            throw ActionError(.invalidInput, "input \"\(input)\" must have a string value, got \(value.typeName)")
        }
    }
}
