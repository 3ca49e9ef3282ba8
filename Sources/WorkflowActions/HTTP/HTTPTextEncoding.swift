import Foundation

/// How a response body becomes text (the `responseEncoding` input), with the names Datadog's private action
/// runner accepts: `utf8`/`utf-8`, `ascii`, `utf16le`/`ucs2`/`ucs-2`, `latin1`/`binary`, `base64`, `base64url`,
/// `hex`; Stepwise also reads `utf16`, `iso-8859-1` and `windows-1252`.
struct HTTPTextEncoding: Sendable, Hashable {
    private enum Kind: Hashable {
        case text(String.Encoding)
        case base64
        case base64URL
        case hex
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static let utf8 = HTTPTextEncoding(.text(.utf8))
    static let base64 = HTTPTextEncoding(.base64)

    /// The encoding `name` names; nil for an unknown name.
    init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf8", "utf-8": kind = .text(.utf8)
        case "utf16le", "utf-16le", "ucs2", "ucs-2", "utf16", "utf-16": kind = .text(.utf16LittleEndian)
        case "latin1", "latin-1", "binary", "iso-8859-1", "iso8859-1": kind = .text(.isoLatin1)
        case "ascii", "us-ascii": kind = .text(.ascii)
        case "windows-1252", "cp1252": kind = .text(.windowsCP1252)
        case "base64": kind = .base64
        case "base64url": kind = .base64URL
        case "hex": kind = .hex
        default: return nil
        }
    }

    /// The runner's default for a response: the `charset` of its content type when known, base64 for binary
    /// media (`image/`, `audio/`, `video/`, `font/`, `model/`, `application/octet-stream`), else UTF-8.
    static func defaultEncoding(contentType: String) -> HTTPTextEncoding {
        let parts = contentType.lowercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        if let charset = parts.dropFirst().first(where: { $0.hasPrefix("charset=") }) {
            let name = charset.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if let encoding = HTTPTextEncoding(name: name) { return encoding }
        }
        let mediaType = parts.first ?? ""
        let binaryTypes = ["image/", "audio/", "video/", "font/", "model/"]
        if mediaType == "application/octet-stream" || binaryTypes.contains(where: { mediaType.hasPrefix($0) }) {
            return .base64
        }
        return .utf8
    }

    /// The text of `bytes`; invalid sequences become U+FFFD rather than failing the step.
    func decode(_ bytes: [UInt8]) -> String {
        switch kind {
        case .text(.utf8):
            return String(decoding: bytes, as: UTF8.self)
        case .text(let encoding):
            return String(data: Data(bytes), encoding: encoding) ?? String(decoding: bytes, as: UTF8.self)
        case .base64:
            return Data(bytes).base64EncodedString()
        case .base64URL:
            let text = Data(bytes).base64EncodedString()
            return String(
                text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").prefix {
                    $0 != "="
                })
        case .hex:
            let digits = Array("0123456789abcdef")
            return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
        }
    }
}
