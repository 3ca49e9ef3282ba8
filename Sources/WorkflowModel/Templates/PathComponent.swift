/// One step of a template path after its root: a member name (`.name`, `[name]`, `['name']`) or an array
/// index (`[0]`).
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    /// An object member.
    case key(String)
    /// An array element (0-based).
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): return "[\(key)]"
        case .index(let index): return "[\(index)]"
        }
    }
}

extension JSONValue {
    /// The value reached by following `components` from this value, or `nil` when a component names nothing.
    ///
    /// A key reads an object member; on an array, a key made of digits reads that element (`list.0`). An index
    /// reads an array element; on an object, it reads the member with that number as its name.
    public func value(at components: some Sequence<PathComponent>) -> JSONValue? {
        var current = self
        for component in components {
            switch (component, current) {
            case (.key(let key), .object(let members)):
                guard let member = members[key] else { return nil }
                current = member
            case (.key(let key), .array(let elements)):
                guard let index = Int(key), elements.indices.contains(index) else { return nil }
                current = elements[index]
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            case (.index(let index), .object(let members)):
                guard let member = members[String(index)] else { return nil }
                current = member
            default:
                return nil
            }
        }
        return current
    }
}
