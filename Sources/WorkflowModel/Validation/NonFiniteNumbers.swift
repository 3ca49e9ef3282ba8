/// Finds numbers that are not finite (YAML's `.nan` and `.inf`, JSON's `1e309`) anywhere in a document: no
/// spec field can use one, and arithmetic on one later would trap or mislead.
enum NonFiniteNumbers {
    /// An error at the pointer of every non-finite number in `json`, in document order (object members by
    /// sorted key).
    static func issues(in json: JSONValue) -> [ValidationIssue] {
        // Almost every document has none: a walk that allocates nothing comes first, paths only when one is there.
        guard containsNonFinite(json) else { return [] }
        var issues: [ValidationIssue] = []
        collect(json, at: [], into: &issues)
        return issues
    }

    private static func containsNonFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): !number.isFinite
        case .array(let items): items.contains { containsNonFinite($0) }
        case .object(let members): members.values.contains { containsNonFinite($0) }
        case .null, .bool, .string: false
        }
    }

    private static func collect(_ value: JSONValue, at tokens: [String], into issues: inout [ValidationIssue]) {
        switch value {
        case .number(let number) where !number.isFinite:
            let text = number.isNaN ? "NaN" : (number > 0 ? "infinity" : "-infinity")
            issues.append(.error(JSONPointer(tokens: tokens), "number must be finite, got \(text)"))
        case .array(let items):
            for (index, item) in items.enumerated() { collect(item, at: tokens + [String(index)], into: &issues) }
        case .object(let members):
            for key in members.keys.sorted() {
                if let member = members[key] { collect(member, at: tokens + [key], into: &issues) }
            }
        case .null, .bool, .number, .string:
            return
        }
    }
}
