import Crypto
import Foundation

/// GitHub's `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the raw body keyed with the secret.
enum WebhookSignature {
    /// The header value GitHub sends for `body` signed with `secret`.
    static func sign(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { byte in String(format: "%02x", byte) }.joined()
    }

    /// Whether `header` is the signature of `body` with `secret`, compared in constant time.
    static func verify(_ header: String?, body: [UInt8], secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256=") else { return false }
        let hex = Array(header.dropFirst("sha256=".count).utf8)
        guard hex.count == 64 else { return false }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < hex.count {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return false }
            bytes.append(high << 4 | low)
            index += 2
        }
        // `isValidAuthenticationCode` compares in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(
            bytes, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
