/// A URL's query as Datadog's runner rebuilds it (Go's `url.Values`): the existing query is parsed, parameters
/// are appended, and the whole query is encoded again with keys in sorted order (a key's values keep their
/// order), `application/x-www-form-urlencoded` style (space as `+`).
enum URLQuery {
    /// `url` with `parameters` added to its query (a fragment stays at the end).
    static func appending(_ parameters: [(name: String, value: String)], to url: String) -> String {
        var base = Substring(url)
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = base[..<hash]
        }
        var pairs: [(name: String, value: String)] = []
        if let question = base.firstIndex(of: "?") {
            let query = base[base.index(after: question)...]
            base = base[..<question]
            for item in query.split(separator: "&") where !item.isEmpty {
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                pairs.append((name: unescape(parts[0]), value: parts.count > 1 ? unescape(parts[1]) : ""))
            }
        }
        pairs += parameters
        guard !pairs.isEmpty else { return String(base) + fragment }
        let sorted = pairs.enumerated().sorted { left, right in
            left.element.name != right.element.name
                ? left.element.name < right.element.name : left.offset < right.offset
        }
        let text = sorted.map {
            URLFormEncoding.escape($0.element.name, spaceAsPlus: true) + "="
                + URLFormEncoding.escape($0.element.value, spaceAsPlus: true)
        }
        return String(base) + "?" + text.joined(separator: "&") + fragment
    }

    /// Percent-decoding with `+` as a space; text that does not decode stays as it is.
    private static func unescape(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let first = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
                let second = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), second < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[first], utf8[second]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = second
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
