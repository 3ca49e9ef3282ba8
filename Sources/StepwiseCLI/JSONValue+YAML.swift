import Foundation
import WorkflowModel
import Yams

extension JSONValue {
    /// Parses YAML text into a JSON value, honouring YAML's own typing (`"true"` stays a string, `true` is a
    /// Boolean, `3600s` a string).
    /// - Throws: `YamlError` (with line and column) when the text is not YAML, ``YAMLConversionError`` when it
    ///   uses something JSON cannot hold (a non-string key, a number beyond a JSON number's range).
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
            self = try Self.value(of: scalar)
        case .sequence(let sequence):
            self = .array(try sequence.map { try JSONValue(node: $0) })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw YAMLConversionError(
                        code: .nonStringKey, detail: "a mapping key is not a scalar", line: key.mark?.line,
                        column: key.mark?.column)
                }
                members[name] = try JSONValue(node: value)
            }
            self = .object(members)
        case .alias:
            throw YAMLConversionError(
                code: .unresolvedAlias, detail: "YAML aliases are not supported", line: node.mark?.line,
                column: node.mark?.column)
        }
    }

    private static func value(of scalar: Node.Scalar) throws -> JSONValue {
        switch Resolver.default.resolveTag(of: Node.scalar(scalar)) {
        case .null: return .null
        case .bool: return Bool.construct(from: scalar).map(JSONValue.bool) ?? .string(scalar.string)
        case .int where scalar.string.contains(":"), .float where scalar.string.contains(":"):
            // YAML 1.1 base 60 (`1:30` is 90). Read here: Yams traps on an integer one beyond Int's range.
            return try number(sexagesimal(scalar.string), scalar)
        case .int:
            if let number = Int.construct(from: scalar) { return .number(Double(number)) }
            return try number(Double.construct(from: scalar), scalar)
        case .float: return try number(Double.construct(from: scalar), scalar)
        default: return .string(scalar.string)
        }
    }

    /// A number JSON can hold, or the scalar's text when it is no number; `1e999` and `.inf` are refused as JSON
    /// text refuses them.
    private static func number(_ value: Double?, _ scalar: Node.Scalar) throws -> JSONValue {
        guard let value else { return .string(scalar.string) }
        guard value.isFinite else {
            throw YAMLConversionError(
                code: .numberOutOfRange, detail: "\(scalar.string) is beyond the range of a JSON number",
                line: scalar.mark?.line, column: scalar.mark?.column)
        }
        return .number(value)
    }

    /// `[-+]?digits(:digits)*(.fraction)?`, each part a base-60 digit of the one before: `-1:30:00.5` is -5400.5.
    private static func sexagesimal(_ text: String) -> Double? {
        var digits = Substring(text.filter { $0 != "_" })
        var sign = 1.0
        if digits.first == "-" || digits.first == "+" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        var value = 0.0
        for part in digits.split(separator: ":", omittingEmptySubsequences: false) {
            guard let component = Double(part) else { return nil }
            value = value * 60 + component
        }
        return sign * value
    }
}

/// YAML that has no JSON equivalent.
struct YAMLConversionError: Error, CustomStringConvertible {
    enum Code: String {
        case nonStringKey
        case unresolvedAlias
        case numberOutOfRange
    }

    var code: Code
    var detail: String
    /// Where in the text, when known (Yams counts both from 1).
    var line: Int? = nil
    var column: Int? = nil
    var description: String { detail }
}
