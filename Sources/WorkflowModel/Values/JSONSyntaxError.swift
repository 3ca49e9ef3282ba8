import Foundation

/// Malformed JSON text, with the line and column where parsing stopped.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable {
    /// What kind of syntax error this is.
    public enum Code: String, Sendable {
        /// The text is not JSON.
        case malformed
        /// The text ends before the JSON value does (reported at the end of the text).
        case unexpectedEnd
    }

    /// What kind of syntax error this is.
    public var code: Code
    /// 1-based line of the error, when the parser said where it was.
    public var line: Int?
    /// 1-based column (in characters) of the error, when the parser said where it was.
    public var column: Int?
    /// What the parser said, without its byte offset (`invalid value`, `unexpected end of file`).
    public var reason: String

    init(data: Data, underlying: any Error) {
        let nsError = underlying as NSError
        let debug = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
        reason = Self.clean(debug)
        code = debug.localizedCaseInsensitiveContains("end of file") ? .unexpectedEnd : .malformed
        let offset = Self.offset(in: nsError, debug: debug) ?? (code == .unexpectedEnd ? data.count : nil)
        if let offset, offset <= data.count {
            var line = 1
            var column = 1
            for byte in data.prefix(offset) {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    // Count characters, not UTF-8 continuation bytes.
                    column += 1
                }
            }
            self.line = line
            self.column = column
        }
    }

    private static func offset(in error: NSError, debug: String) -> Int? {
        if let index = error.userInfo["NSJSONSerializationErrorIndex"] as? Int { return index }
        // Foundation on Linux says "Invalid value around character 11." (a 0-based byte offset).
        guard let range = debug.range(of: "around character ") else { return nil }
        let digits = debug[range.upperBound...].prefix(while: \.isNumber)
        return Int(digits)
    }

    /// `Invalid value around character 11.` → `invalid value`.
    private static func clean(_ debug: String) -> String {
        var text = debug
        if let range = text.range(of: " around character ") { text = String(text[..<range.lowerBound]) }
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return "not JSON" }
        return first.lowercased() + text.dropFirst()
    }

    public var description: String {
        if let line, let column {
            return "malformed JSON at line \(line), column \(column): \(reason)"
        }
        return "malformed JSON: \(reason)"
    }
}
