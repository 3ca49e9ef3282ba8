import Foundation

/// Decodes a spec strictly: a shape check over the raw JSON first, collecting every problem with its pointer,
/// then `Codable` decoding only when the shape is right. A well-formed spec takes a faster road to the same
/// value (``build(_:)``: steps checked and built in one pass); anything it does not take goes this way.
///
/// Unknown fields are refused (as Datadog's Terraform provider does); durations are parsed here, once.
public struct SpecDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes `json`, the spec document (pointers in the failure are relative to it).
    /// - Returns: the typed spec, or every shape problem found.
    public func decode(_ json: JSONValue) -> Result<WorkflowSpec, SpecDecodingError> {
        if let spec = Self.build(json) { return .success(spec) }
        let issues = ShapeChecker.check(json, against: .spec)
        guard issues.isEmpty else { return .failure(SpecDecodingError(issues: issues)) }
        do {
            // Straight from the JSONValue: no JSON text printed and parsed again.
            return .success(try JSONValueDecoder.decode(WorkflowSpec.self, from: json))
        } catch let error as DecodingError {
            return .failure(SpecDecodingError(issues: [Self.issue(for: error)]))
        } catch {
            return .failure(SpecDecodingError(issues: [.error(.root, "\(error)")]))
        }
    }

    /// The issue a residual `DecodingError` stands for, at the pointer of its coding path.
    static func issue(for error: DecodingError) -> ValidationIssue {
        func pointer(_ path: [any CodingKey]) -> JSONPointer {
            JSONPointer(tokens: path.map { key in key.intValue.map(String.init) ?? key.stringValue })
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .error(pointer(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return .error(pointer(context.codingPath), "missing value of type \(type)")
        case .keyNotFound(let key, let context):
            return .error(pointer(context.codingPath + [key]), "missing required field \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            return .error(pointer(context.codingPath), context.debugDescription)
        @unknown default:
            return .error(.root, "\(error)")
        }
    }
}

/// A spec whose JSON does not have the schema's shape.
public struct SpecDecodingError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        /// Unknown fields, missing fields, wrong JSON types, bad enum values or durations.
        case invalidShape
    }

    /// Always ``Code/invalidShape``.
    public var code: Code
    /// Every problem found, with pointers relative to the spec.
    public var issues: [ValidationIssue]

    /// Creates the error.
    public init(code: Code = .invalidShape, issues: [ValidationIssue]) {
        self.code = code
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
