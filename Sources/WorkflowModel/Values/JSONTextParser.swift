/// The JSON text → ``JSONValue`` parser behind ``JSONValue/parse(_:)-(Data)``.
///
/// Builds the value in one pass over the UTF-8 bytes, without Foundation objects or dynamic casts. It accepts
/// exactly RFC 8259 JSON (a top-level scalar too), with three decisions the RFC leaves to implementations: a
/// leading UTF-8 byte order mark is ignored, a `\u` escape that leaves a lone surrogate is refused (a Swift string
/// cannot hold one), and a number beyond `Double`'s range is refused. A duplicated member name keeps its last
/// value. Nesting deeper than 512 levels is refused. At the first problem it stops and says where.
struct JSONTextParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// The first problem met: its byte offset and what it is.
    private var problem: (offset: Int, reason: String)?
    private static let maxDepth = 512

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The value of `bytes`.
    /// - Throws: ``JSONSyntaxError`` at the first byte that makes the text something other than one JSON value.
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONTextParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        if let value = parser.value() {
            parser.skipSpace()
            if parser.index == bytes.count { return value }
            parser.record("unexpected text after the JSON value")
        }
        let problem = parser.problem ?? (parser.index, "not JSON")
        let atEnd = problem.offset >= bytes.count
        throw JSONSyntaxError(
            code: atEnd ? .unexpectedEnd : .malformed, offset: problem.offset, in: bytes,
            reason: atEnd ? "unexpected end of text: \(problem.reason)" : problem.reason)
    }

    /// Records a problem at the current byte (the first one recorded wins).
    private mutating func record(_ reason: String) {
        if problem == nil { problem = (index, reason) }
    }

    /// Records a problem at the current byte and returns `nil`.
    private mutating func fail<T>(_ reason: String) -> T? {
        record(reason)
        return nil
    }

    /// The byte under the cursor, quoted for a message.
    private var found: String {
        guard index < bytes.count else { return "the end" }
        let byte = bytes[index]
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return fail("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return fail("expected a value, found \(found)")
        }
    }

    private mutating func literal(_ text: StaticString, _ value: JSONValue) -> JSONValue? {
        for offset in 0..<text.utf8CodeUnitCount {
            guard index < bytes.count, bytes[index] == text.utf8Start[offset] else {
                return fail("an invalid literal (expected \(text)), found \(found)")
            }
            index += 1
        }
        return value
    }

    private mutating func object() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return fail("nesting deeper than \(Self.maxDepth) levels") }
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
                    return fail("a comma before '}' (trailing commas are not JSON)")
                }
                return fail("expected a member name in double quotes, found \(found)")
            }
            guard let key = string() else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                return fail("expected ':' after the member name, found \(found)")
            }
            index += 1
            guard let member = value() else { return nil }
            members[key] = member
            skipSpace()
            guard index < bytes.count else { return fail("expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                return fail("expected ',' or '}' after a member, found \(found)")
            }
        }
    }

    private mutating func array() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return fail("nesting deeper than \(Self.maxDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !elements.isEmpty {
                return fail("a comma before ']' (trailing commas are not JSON)")
            }
            guard let element = value() else { return nil }
            elements.append(element)
            skipSpace()
            guard index < bytes.count else { return fail("expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            } else {
                return fail("expected ',' or ']' after an element, found \(found)")
            }
        }
    }

    /// A string starting at the opening quote; escapes decoded, control characters refused.
    private mutating func string() -> String? {
        index += 1
        let start = index
        // Fast path: no escape.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: bytes[start..<index], as: UTF8.self) else {
                    return invalidUTF8(from: start)
                }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        var scalars = String.UnicodeScalarView()
        guard let prefix = String(validating: bytes[start..<index], as: UTF8.self) else {
            return invalidUTF8(from: start)
        }
        scalars.append(contentsOf: prefix.unicodeScalars)
        var run = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                guard let plain = String(validating: bytes[run..<index], as: UTF8.self) else {
                    return invalidUTF8(from: run)
                }
                scalars.append(contentsOf: plain.unicodeScalars)
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(scalars)
                }
                guard let scalar = escape() else { return nil }
                scalars.append(scalar)
                run = index
                continue
            }
            if byte < 0x20 { return fail("a control character in a string (escape it)") }
            index += 1
        }
        return fail("a string without its closing quote")
    }

    /// Records invalid UTF-8 at the first bad byte after `start`.
    private mutating func invalidUTF8(from start: Int) -> String? {
        var decoder = UTF8()
        var iterator = bytes[start..<index].makeIterator()
        var offset = start
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: break loop
            }
        }
        index = offset
        return fail("invalid UTF-8 in a string")
    }

    /// One escape sequence starting at the backslash.
    private mutating func escape() -> Unicode.Scalar? {
        let start = index
        index += 1
        guard index < bytes.count else { return fail("an escape sequence cut short") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(unit) {
                // A high surrogate must be followed by `\uDC00`–`\uDFFF`.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { return loneSurrogate(at: start) }
                index += 2
                guard let low = hex4() else { return nil }
                guard (0xDC00..<0xE000).contains(low) else { return loneSurrogate(at: start) }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            guard let scalar = Unicode.Scalar(unit) else { return loneSurrogate(at: start) }
            return scalar
        default:
            index -= 1
            return fail(
                "an invalid escape sequence, found \(found) after '\\' (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
            )
        }
    }

    private mutating func loneSurrogate(at offset: Int) -> Unicode.Scalar? {
        index = offset
        return fail("a \\u escape of a lone surrogate (not a Unicode character)")
    }

    private mutating func hex4() -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { return fail("four hexadecimal digits after \\u") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return fail("expected four hexadecimal digits after \\u, found \(found)")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A number as RFC 8259 writes it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() -> JSONValue? {
        let start = index
        func digits(_ parser: inout JSONTextParser) -> Int {
            let first = parser.index
            while parser.index < parser.bytes.count, (0x30...0x39).contains(parser.bytes[parser.index]) {
                parser.index += 1
            }
            return parser.index - first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            return fail("expected a digit, found \(found)")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { return fail("expected a digit after '.', found \(found)") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits(&self) > 0 else { return fail("expected a digit in the exponent, found \(found)") }
        }
        guard let text = String(validating: bytes[start..<index], as: UTF8.self), let number = Double(text),
            number.isFinite
        else {
            index = start
            return fail("a number beyond the range of a 64-bit floating-point number")
        }
        return .number(number)
    }
}
