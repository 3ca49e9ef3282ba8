import Foundation
import WorkflowModel

extension ResolvedConnection {
    /// What replaces a secret in messages and outputs.
    public static let redacted = "[REDACTED]"

    /// `text` with every secret of the connection (``secrets``) replaced by ``redacted``.
    public func scrub(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.redacted)
        }
        return result
    }

    /// `value` with every string (and object key) scrubbed of the connection's secrets.
    public func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(scrub(text))
        case .array(let items): return .array(items.map(scrub))
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members { result[scrub(key)] = scrub(member) }
            return .object(result)
        default: return value
        }
    }
}
