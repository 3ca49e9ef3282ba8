extension JSONValue {
    /// About how many bytes the value takes as compact JSON (strings counted in UTF-8 without escapes, numbers
    /// as 8): cheap enough to measure every step's inputs and outputs against ``WorkflowLimits``.
    public var approximateByteCount: Int { Self.byteCount(of: self, depth: 0) }

    /// Recursive for the usual shallow values (no allocation); past 32 levels, an explicit work list, so that
    /// deeply nested input cannot overflow the stack.
    private static func byteCount(of value: JSONValue, depth: Int) -> Int {
        guard depth < 32 else { return deepByteCount(of: value) }
        switch value {
        case .null, .bool: return 5
        case .number: return 8
        case .string(let text): return text.utf8.count + 2
        case .array(let elements):
            return elements.reduce(2 + elements.count) { $0 + byteCount(of: $1, depth: depth + 1) }
        case .object(let members):
            return members.reduce(2) { $0 + $1.key.utf8.count + 4 + byteCount(of: $1.value, depth: depth + 1) }
        }
    }

    private static func deepByteCount(of value: JSONValue) -> Int {
        var total = 0
        var work: [JSONValue] = [value]
        while let value = work.popLast() {
            switch value {
            case .null, .bool: total += 5
            case .number: total += 8
            case .string(let text): total += text.utf8.count + 2
            case .array(let elements):
                total += 2 + elements.count
                work.append(contentsOf: elements)
            case .object(let members):
                total += 2
                for (key, member) in members {
                    total += key.utf8.count + 4
                    work.append(member)
                }
            }
        }
        return total
    }
}
