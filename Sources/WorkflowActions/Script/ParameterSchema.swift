import Foundation
import WorkflowModel

/// The part of JSON Schema a predefined script's `parameterSchema` uses: `type`, `required`, `properties`,
/// `items`, `enum` and `pattern`. Other keywords are ignored.
struct ParameterSchema: Sendable {
    let schema: JSONValue

    /// The first problem of `value`, as "parameters.x: …", or nil when it conforms.
    func problem(with value: JSONValue, at path: String = "parameters") -> String? {
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            guard allowed.contains(where: { Self.value(value, is: $0) }) else {
                return "\(path): expected \(allowed.joined(separator: " or ")), got \(value.typeName)"
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            return "\(path): must be one of \(JSONValue.array(options).compactJSON)"
        }
        if let pattern = schema["pattern"]?.stringValue, let text = value.stringValue {
            guard let expression = try? NSRegularExpression(pattern: pattern) else {
                return "\(path): the schema's pattern \"\(pattern)\" is not a valid regular expression"
            }
            let range = NSRange(text.startIndex..., in: text)
            guard expression.firstMatch(in: text, range: range) != nil else {
                return "\(path): \"\(text)\" does not match the pattern \"\(pattern)\""
            }
        }
        if let members = value.objectValue {
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                return "\(path).\(name): is required"
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                guard let inner = schema["properties"]?[name] else { continue }
                if let problem = ParameterSchema(schema: inner).problem(with: member, at: "\(path).\(name)") {
                    return problem
                }
            }
        }
        if let items = value.arrayValue, let inner = schema["items"], inner.objectValue != nil {
            for (index, item) in items.enumerated() {
                if let problem = ParameterSchema(schema: inner).problem(with: item, at: "\(path)[\(index)]") {
                    return problem
                }
            }
        }
        return nil
    }

    private static func value(_ value: JSONValue, is type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("object", .object), ("array", .array), ("null", .null),
            ("number", .number):
            return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }
}
