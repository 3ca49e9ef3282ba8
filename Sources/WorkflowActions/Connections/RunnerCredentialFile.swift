import Foundation
import WorkflowModel

/// A credential file of Datadog's private action runner (`/etc/dd-action-runner/config/credentials/*.json`):
///
/// ```json
/// {"auth_type": "Token Auth", "credentials": [{"tokenName": "apiToken", "tokenValue": "…"}]}
/// {"auth_type": "Basic Auth", "credentials": [{"username": "me", "password": "…"}]}
/// ```
///
/// A token may read its value from a file instead: `{"tokenName": "apiToken", "tokenFile": "/run/secrets/t"}`
/// (trailing newlines dropped).
public struct RunnerCredentialFile: Sendable, Hashable {
    /// Token name → value (`username` and `password` for Basic Auth).
    public var tokens: [String: String]
    /// Whether the file is Basic Auth (requests then carry `Authorization: Basic …`).
    public var isBasicAuth: Bool

    /// Reads and checks the file at `path`.
    /// - Throws: ``ConnectionError`` `.malformed` naming the file and the field at fault; `.unreadable` when the
    ///   file (or a token file) cannot be read.
    public init(path: String) throws(ConnectionError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ConnectionError(.unreadable, "credential file \(path) cannot be read as JSON: \(error)")
        }
        func fail(_ message: String) -> ConnectionError {
            ConnectionError(.malformed, "credential file \(path): \(message)")
        }
        guard let items = json["credentials"]?.arrayValue else { throw fail("\"credentials\" must be a list") }
        var tokens: [String: String] = [:]
        switch json["auth_type"]?.stringValue {
        case "Token Auth":
            isBasicAuth = false
            for (index, item) in items.enumerated() {
                guard let name = item["tokenName"]?.stringValue, !name.isEmpty else {
                    throw fail("credentials[\(index)] needs a \"tokenName\"")
                }
                if let value = item["tokenValue"]?.stringValue {
                    tokens[name] = value
                } else if let file = item["tokenFile"]?.stringValue {
                    tokens[name] = try Self.read(secretFile: file, for: "credential file \(path) token \"\(name)\"")
                } else {
                    throw fail("token \"\(name)\" needs a string \"tokenValue\" or \"tokenFile\"")
                }
            }
        case "Basic Auth":
            isBasicAuth = true
            guard items.count == 1, let username = items[0]["username"]?.stringValue,
                let password = items[0]["password"]?.stringValue
            else { throw fail("Basic Auth needs one {\"username\", \"password\"} entry") }
            tokens = ["username": username, "password": password]
        default:
            throw fail("\"auth_type\" must be \"Token Auth\" or \"Basic Auth\"")
        }
        self.tokens = tokens
    }

    /// The contents of a secret file without trailing newlines.
    /// - Throws: ``ConnectionError`` `.unreadable` naming `context` and the path.
    static func read(secretFile path: String, for context: String) throws(ConnectionError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectionError(.unreadable, "\(context): cannot read the file \(path)")
        }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last.isNewline { text.removeLast() }
        return text
    }
}
