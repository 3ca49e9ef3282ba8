import Crypto

/// The SHA-256 digest of a key, as a keys file stores it: `sha256:` and 64 lowercase hex digits.
public struct KeyDigest: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes of the digest.
    let bytes: [UInt8]

    /// The prefix of the text form.
    public static let prefix = "sha256:"

    /// The digest of `key`'s UTF-8 bytes.
    public init(hashing key: String) {
        bytes = Array(SHA256.hash(data: Array(key.utf8)))
    }

    /// Reads `sha256:<64 hex digits>` (either case); `nil` for anything else.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix), let bytes = Hex.bytes(text.dropFirst(Self.prefix.count), count: 32)
        else { return nil }
        self.bytes = bytes
    }

    /// `sha256:<hex>`.
    public var description: String { Self.prefix + Hex.text(bytes) }

    /// Compares every byte whatever the first difference, so the time taken does not tell how much matched.
    public func matches(_ other: KeyDigest) -> Bool {
        var difference: UInt8 = bytes.count == other.bytes.count ? 0 : 1
        for (left, right) in zip(bytes, other.bytes) { difference |= left ^ right }
        return difference == 0
    }
}
