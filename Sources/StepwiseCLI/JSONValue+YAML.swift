import Foundation
import WorkflowModel
import Yams

extension JSONValue {
    /// Parses YAML text into a JSON value, honouring YAML's own typing (`"true"` stays a string, `true` is a
    /// Boolean, `3600s` a string).
    /// - Throws: `YamlError` (with line and column) when the text is not YAML, ``YAMLConversionError`` when it
    ///   uses something JSON cannot hold (a non-string key).
    init(yaml text: String) throws {
        guard let node = try Yams.compose(yaml: text) else {
            self = .null
            return
        }
        self = try JSONValue(node: node)
    }

    private init(node: Node) throws {
        switch node {
        case .scalar(let scalar):
            self = Self.value(of: scalar)
        case .sequence(let sequence):
            self = .array(try sequence.map { try JSONValue(node: $0) })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw YAMLConversionError(code: .nonStringKey, detail: "a mapping key is not a scalar")
                }
                members[name] = try JSONValue(node: value)
            }
            self = .object(members)
        case .alias:
            throw YAMLConversionError(code: .unresolvedAlias, detail: "YAML aliases are not supported")
        }
    }

    private static func value(of scalar: Node.Scalar) -> JSONValue {
        switch Resolver.default.resolveTag(of: Node.scalar(scalar)) {
        case .null: return .null
        case .bool: return Bool.construct(from: scalar).map(JSONValue.bool) ?? .string(scalar.string)
        case .int:
            if let number = Int.construct(from: scalar) { return .number(Double(number)) }
            return Double.construct(from: scalar).map(JSONValue.number) ?? .string(scalar.string)
        case .float: return Double.construct(from: scalar).map(JSONValue.number) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}

/// YAML that has no JSON equivalent.
struct YAMLConversionError: Error, CustomStringConvertible {
    enum Code: String {
        case nonStringKey
        case unresolvedAlias
    }

    var code: Code
    var detail: String
    var description: String { detail }
}
