/// One output stream of a script, kept up to a byte limit; the rest is read and dropped so the child never
/// blocks on a full pipe.
struct CappedOutput: Sendable {
    /// What replaces the dropped part.
    static let truncationMarker = "…[truncated]"

    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var truncated = false

    init(limit: Int) { self.limit = limit }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        let room = limit - bytes.count
        if chunk.count <= room {
            bytes.append(contentsOf: chunk)
        } else {
            if room > 0 { bytes.append(contentsOf: chunk.prefix(room)) }
            truncated = true
        }
    }

    /// The text: one trailing newline removed (when `strippingNewline`), or the marker appended when output
    /// was dropped.
    func text(strippingNewline: Bool = true) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if truncated {
            text += Self.truncationMarker
        } else if strippingNewline, text.hasSuffix("\n") {
            text.removeLast()
        }
        return text
    }
}
