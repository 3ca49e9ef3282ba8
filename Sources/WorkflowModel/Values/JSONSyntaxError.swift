/// Malformed JSON text, with the line and column where parsing stopped.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of syntax error this is.
    public enum Code: String, Sendable {
        /// The text is not JSON.
        case malformed
        /// The text ends before the JSON value does (reported at the end of the text).
        case unexpectedEnd
    }

    /// What kind of syntax error this is.
    public var code: Code
    /// 1-based line of the error.
    public var line: Int?
    /// 1-based column (in characters) of the error.
    public var column: Int?
    /// What is wrong there (`expected ',' or ']' after an element, found 'x'`).
    public var reason: String

    /// An error at byte `offset` of `bytes`: its line and column are counted from the start of the text.
    init(code: Code, offset: Int, in bytes: [UInt8], reason: String) {
        self.code = code
        self.reason = reason
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
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

    public var description: String {
        if let line, let column {
            return "malformed JSON at line \(line), column \(column): \(reason)"
        }
        return "malformed JSON: \(reason)"
    }
}
