import Foundation

/// Malformed JSON text, with the line and column where parsing stopped.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable {
    /// 1-based line of the error, when the parser said where it was.
    public var line: Int?
    /// 1-based column of the error, when the parser said where it was.
    public var column: Int?
    /// What the parser said.
    public var reason: String

    init(data: Data, underlying: any Error) {
        let nsError = underlying as NSError
        let debug = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
        reason = debug
        if let offset = Self.offset(in: nsError, debug: debug), offset <= data.count {
            var line = 1
            var column = 1
            for byte in data.prefix(offset) {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            self.line = line
            self.column = column
        }
    }

    private static func offset(in error: NSError, debug: String) -> Int? {
        if let index = error.userInfo["NSJSONSerializationErrorIndex"] as? Int { return index }
        // Foundation on Linux says "Invalid value around character 11."
        guard let range = debug.range(of: "around character ") else { return nil }
        let digits = debug[range.upperBound...].prefix(while: \.isNumber)
        return Int(digits)
    }

    public var description: String {
        if let line, let column {
            return "malformed JSON at line \(line), column \(column): \(reason)"
        }
        return "malformed JSON: \(reason)"
    }
}
