import CJavaScriptCore

extension JSStringRef {
    /// A new JavaScriptCore string holding `text` (release it with `JSStringRelease`).
    static func make(_ text: String) -> JSStringRef {
        // JSStringCreateWithUTF8CString never returns NULL for a valid C string; an empty one is the fallback.
        JSStringCreateWithUTF8CString(text) ?? JSStringCreateWithCharacters(nil, 0)
    }
}

extension String {
    /// The text of a JavaScriptCore string.
    init(jsString: JSStringRef) {
        var buffer = [CChar](repeating: 0, count: JSStringGetMaximumUTF8CStringSize(jsString))
        let written = JSStringGetUTF8CString(jsString, &buffer, buffer.count)
        self = String(decoding: buffer.prefix(Swift.max(written - 1, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
