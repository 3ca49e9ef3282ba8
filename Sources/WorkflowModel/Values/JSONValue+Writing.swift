import Foundation

extension JSONValue {
    /// Compact JSON text with sorted keys (`{"a":1}`): the form used when a value is stringified.
    public var compactJSON: String {
        var output = ""
        write(into: &output, indent: nil, depth: 0)
        return output
    }

    /// Indented JSON text with sorted keys (two spaces, `"key": value`), for people to read.
    public var prettyJSON: String {
        var output = ""
        write(into: &output, indent: "  ", depth: 0)
        return output
    }

    /// The value as UTF-8 JSON data with sorted keys.
    /// - Parameter pretty: indent for people to read.
    public func jsonData(pretty: Bool = false) -> Data {
        Data((pretty ? prettyJSON : compactJSON).utf8)
    }

    private func write(into output: inout String, indent: String?, depth: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += JSONValue.format(number: value)
        case .string(let value): JSONValue.writeQuoted(value, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                JSONValue.newline(into: &output, indent: indent, depth: depth + 1)
                element.write(into: &output, indent: indent, depth: depth + 1)
            }
            JSONValue.newline(into: &output, indent: indent, depth: depth)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                JSONValue.newline(into: &output, indent: indent, depth: depth + 1)
                JSONValue.writeQuoted(key, into: &output)
                output += indent == nil ? ":" : ": "
                members[key]?.write(into: &output, indent: indent, depth: depth + 1)
            }
            JSONValue.newline(into: &output, indent: indent, depth: depth)
            output += "}"
        }
    }

    private static func newline(into output: inout String, indent: String?, depth: Int) {
        guard let indent else { return }
        output += "\n"
        for _ in 0..<depth { output += indent }
    }

    /// A number in its shortest form: `3`, `0.5`, `1e+21`.
    public static func format(number: Double) -> String {
        if number.isNaN || number.isInfinite { return "null" }
        if let exact = Int64(exactly: number) { return String(exact) }
        return String(number)
    }

    static func writeQuoted(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
