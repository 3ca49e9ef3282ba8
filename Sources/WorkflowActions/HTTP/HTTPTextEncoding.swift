import Foundation

/// The charset a text response body is decoded with (the `responseEncoding` input).
struct HTTPTextEncoding: Sendable, Hashable {
    private let encoding: String.Encoding

    /// `utf8`/`utf-8` (the default), `utf16`, `latin1`/`iso-8859-1`, `ascii`, `windows-1252`; nil otherwise.
    init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf8", "utf-8": encoding = .utf8
        case "utf16", "utf-16": encoding = .utf16
        case "latin1", "iso-8859-1", "latin-1": encoding = .isoLatin1
        case "ascii", "us-ascii": encoding = .ascii
        case "windows-1252", "cp1252": encoding = .windowsCP1252
        default: return nil
        }
    }

    /// The text of `bytes`; invalid UTF-8 sequences become U+FFFD rather than failing the step.
    func decode(_ bytes: [UInt8]) -> String {
        if encoding == .utf8 { return String(decoding: bytes, as: UTF8.self) }
        return String(data: Data(bytes), encoding: encoding) ?? String(decoding: bytes, as: UTF8.self)
    }
}
