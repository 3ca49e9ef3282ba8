import Crypto
import Foundation
import WorkflowModel

/// `com.datadoghq.http.getChecksumFromURL`: downloads `url` (a GET through ``HTTPAction``, with the step's
/// connection) and hashes the bytes, as the private action runner does.
///
/// Inputs: `url` (required), `algorithm` (`md5`, `sha1`, `sha256` — the default —, `sha384`, `sha512`), `digest`
/// (`hex` — the default —, `base64`, `base64url`, `binary`: the raw hash bytes as Latin-1 text). Output:
/// `{checksum}`. A status 400–999 fails the step as ``HTTPAction`` does.
public struct ChecksumAction: Action {
    private let http: HTTPAction

    /// - Parameter http: the action that downloads.
    public init(http: HTTPAction = HTTPAction()) { self.http = http }

    /// Downloads and hashes.
    /// - Throws: ``ActionError`` `.invalidInput` for a missing `url` or an unknown `algorithm` or `digest`; what
    ///   ``HTTPAction`` throws for the download.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let inputs = invocation.inputs
        guard let url = inputs["url"]?.stringValue, !url.isEmpty else {
            throw ActionError(.invalidInput, "input \"url\" is required and must be a non-empty string")
        }
        let algorithm = Self.text(inputs["algorithm"]) ?? "sha256"
        let digestFormat = Self.text(inputs["digest"]) ?? "hex"
        guard ["hex", "base64", "base64url", "binary"].contains(digestFormat) else {
            throw ActionError(
                .invalidInput, "input \"digest\" must be hex, base64, base64url or binary, got \"\(digestFormat)\"")
        }
        guard Self.algorithms.contains(algorithm) else {
            throw ActionError(
                .invalidInput,
                "input \"algorithm\" must be md5, sha1, sha256, sha384 or sha512, got \"\(algorithm)\"")
        }
        var download = invocation
        download.actionId = ActionRegistry.SystemActionID.httpRequest
        download.inputs = [
            "verb": "GET", "url": .string(url), "responseParsing": "raw", "responseEncoding": "base64",
        ]
        if let timeout = inputs["timeout"] { download.inputs["timeout"] = timeout }
        let response = try await http.run(download)
        let encoded = response.outputs["body"]?.stringValue ?? ""
        guard let bytes = Data(base64Encoded: encoded) else {
            throw ActionError(.failed, "the downloaded body of \(url) could not be read back")
        }
        let hash = Self.hash(bytes, algorithm: algorithm)
        return ActionResult(outputs: ["checksum": .string(Self.format(hash, as: digestFormat))])
    }

    private static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue?.lowercased(), !text.isEmpty else { return nil }
        return text
    }

    /// The `algorithm` values the runner takes.
    static let algorithms: Set<String> = ["md5", "sha1", "sha256", "sha384", "sha512"]

    /// The hash of `data`; SHA-256 for any value not in ``algorithms`` (checked before).
    static func hash(_ data: Data, algorithm: String) -> Data {
        switch algorithm {
        case "md5": return Data(Insecure.MD5.hash(data: data))
        case "sha1": return Data(Insecure.SHA1.hash(data: data))
        case "sha384": return Data(SHA384.hash(data: data))
        case "sha512": return Data(SHA512.hash(data: data))
        default: return Data(SHA256.hash(data: data))
        }
    }

    static func format(_ hash: Data, as digest: String) -> String {
        switch digest {
        case "base64": return hash.base64EncodedString()
        case "base64url":
            return hash.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        case "binary": return String(decoding: hash.map { UInt16($0) }, as: UTF16.self)
        default: return hash.map { String(format: "%02x", $0) }.joined()
        }
    }
}
