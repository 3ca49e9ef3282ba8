import Crypto
import Foundation

/// GitHub's `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the raw body keyed with the secret.
enum WebhookSignature {
    /// The header value GitHub sends for `body` signed with `secret`.
    static func sign(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Hex.text(code)
    }

    /// Whether `header` is the signature of `body` with `secret`, compared in constant time.
    static func verify(_ header: String?, body: [UInt8], secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256=") else { return false }
        guard let bytes = Hex.bytes(header.dropFirst("sha256=".count), count: 32) else { return false }
        // `isValidAuthenticationCode` compares in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(
            bytes, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }
}
