extension JSONValue {
    /// The number this value stands for in a comparison: a number, or a string holding a decimal number
    /// (`"3"`, `"-2.5"`, `"1e3"`, surrounding spaces allowed). `nil` for anything else, including `"nan"`,
    /// `"inf"`, hexadecimal and empty strings.
    public var numericValue: Double? {
        switch self {
        case .number(let value): return value
        case .string(let text): return JSONValue.decimalNumber(in: text)
        default: return nil
        }
    }

    /// Deep equality with the numeric coercion of conditions: numbers compare numerically, and a number equals
    /// a string holding the same decimal number (`3 == "3.0"`); arrays element by element, objects member by
    /// member. Two strings compare as text (`"3" != "3.0"`); there are no other coercions (`true != "true"`).
    public func looselyEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let lhs), .bool(let rhs)): return lhs == rhs
        case (.number(let lhs), .number(let rhs)): return lhs == rhs
        case (.string(let lhs), .string(let rhs)): return lhs == rhs
        case (.number(let lhs), .string(let rhs)): return JSONValue.decimalNumber(in: rhs) == lhs
        case (.string(let lhs), .number(let rhs)): return JSONValue.decimalNumber(in: lhs) == rhs
        case (.array(let lhs), .array(let rhs)):
            guard lhs.count == rhs.count else { return false }
            for index in lhs.indices where !lhs[index].looselyEquals(rhs[index]) { return false }
            return true
        case (.object(let lhs), .object(let rhs)):
            guard lhs.count == rhs.count else { return false }
            for (key, value) in lhs {
                guard let counterpart = rhs[key], value.looselyEquals(counterpart) else { return false }
            }
            return true
        default: return false
        }
    }

    /// Whether this value is empty in the sense of `OPERATOR_IS_EMPTY`: `null`, `""`, `[]` or `{}`.
    public var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .string(let text): return text.isEmpty
        case .array(let elements): return elements.isEmpty
        case .object(let members): return members.isEmpty
        case .bool, .number: return false
        }
    }

    /// Parses a decimal number (`[+-]digits[.digits][e[+-]digits]`, surrounding spaces allowed).
    static func decimalNumber(in text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars.removeFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars.removeLast()
        }
        guard isDecimalNumber(scalars) else { return nil }
        guard let value = Double(String(String.UnicodeScalarView(scalars))), value.isFinite else { return nil }
        return value
    }

    private static func isDecimalNumber(_ scalars: Substring.UnicodeScalarView) -> Bool {
        var index = scalars.startIndex
        func digits() -> Int {
            var count = 0
            while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) {
                index = scalars.index(after: index)
                count += 1
            }
            return count
        }
        if index < scalars.endIndex, scalars[index] == "+" || scalars[index] == "-" {
            index = scalars.index(after: index)
        }
        var mantissa = digits()
        if index < scalars.endIndex, scalars[index] == "." {
            index = scalars.index(after: index)
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if index < scalars.endIndex, scalars[index] == "e" || scalars[index] == "E" {
            index = scalars.index(after: index)
            if index < scalars.endIndex, scalars[index] == "+" || scalars[index] == "-" {
                index = scalars.index(after: index)
            }
            guard digits() > 0 else { return false }
        }
        return index == scalars.endIndex
    }
}
