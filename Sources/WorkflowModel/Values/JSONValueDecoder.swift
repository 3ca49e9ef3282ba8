/// Decodes a `Decodable` value straight from a ``JSONValue``, without printing it to JSON text and parsing it
/// again: the fast path of ``SpecDecoder``. It follows `JSONDecoder`'s rules for the types a spec uses (no
/// number-to-Boolean or string-to-number coercion; integers must be exact) and reports the same
/// `DecodingError`s with their coding paths. A ``JSONValue`` member is handed over as it is.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    /// The path of the container holding the value; with ``last``, the value's coding path. Kept apart so a
    /// member's decoder does not allocate a path array unless a container or an error needs it.
    let base: [any CodingKey]
    let last: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, codingPath: [any CodingKey] = []) {
        self.value = value
        self.base = codingPath
        self.last = nil
    }

    init(_ value: JSONValue, in base: [any CodingKey], at key: any CodingKey) {
        self.value = value
        self.base = base
        self.last = key
    }

    var codingPath: [any CodingKey] { last.map { base + [$0] } ?? base }

    /// Decodes `type` from `value`.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoder(value).decodeValue(type)
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == JSONValue.self, let value = value as? T { return value }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: JSONValue].self, codingPath)
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([JSONValue].self, codingPath) }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValue(decoder: self) }

    func mismatch(_ type: Any.Type, _ path: [any CodingKey]) -> DecodingError {
        DecodingError.typeMismatch(
            type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(value.kindName)."))
    }

    // MARK: Scalars

    func decodeBool() throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(Bool.self, codingPath) }
        return flag
    }

    func decodeString() throws -> String {
        guard case .string(let text) = value else { throw mismatch(String.self, codingPath) }
        return text
    }

    func decodeDouble() throws -> Double {
        guard case .number(let number) = value else { throw mismatch(Double.self, codingPath) }
        return number
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let number) = value else { throw mismatch(type, codingPath) }
        guard let exact = T(exactly: number) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "Number \(number) is not representable in Swift."))
        }
        return exact
    }

    /// Decodes the primitive types directly, anything else through its `init(from:)`.
    func decodeAny<T: Decodable>(_ type: T.Type) throws -> T {
        // Metatype identity: a pointer comparison, where `is` would be a dynamic cast.
        if type == String.self, let text = try decodeString() as? T { return text }
        if type == Bool.self, let flag = try decodeBool() as? T { return flag }
        if type == Double.self, let number = try decodeDouble() as? T { return number }
        if type == Int.self, let number = try decodeInteger(Int.self) as? T { return number }
        if type == Int64.self, let number = try decodeInteger(Int64.self) as? T { return number }
        return try decodeValue(type)
    }
}

extension JSONValue {
    /// `object`, `array`, … for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a Bool"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }
}
