import WorkflowModel

/// The inputs of one `com.datadoghq.http.request` step, checked and normalised.
struct HTTPActionRequest: Sendable {
    /// How the response body becomes the `body` output.
    enum Parsing: String, Sendable {
        /// JSON when the content type names JSON (`application/json`, `…+json`), else text.
        case auto
        /// Always JSON; a body that is not JSON fails the step.
        case json
        /// Always text, decoded with `responseEncoding`.
        case text
        /// The bytes, base64-encoded.
        case raw
    }

    var verb: String
    /// The URL with `urlParams` appended.
    var url: String
    /// Header lines, `Name: value`.
    var headerLines: [String]
    var body: [UInt8]?
    var followRedirect: Bool
    var allowExpiredCertificate: Bool
    var errorOnStatus: HTTPStatusMatcher
    var parsing: Parsing
    var encoding: HTTPTextEncoding
    var timeoutMilliseconds: Int

    /// Checks `inputs`; `defaultTimeout` applies when `timeoutSeconds` is absent. With a `connection`, a
    /// relative `url` resolves against its base URL, another host is refused, and its headers are added
    /// (a header the step sets itself wins).
    init(
        inputs: [String: JSONValue], defaultTimeout: Duration, connection: ResolvedConnection? = nil
    ) throws(ActionError) {
        guard var url = inputs["url"]?.stringValue, !url.isEmpty else {
            throw ActionError(.invalidInput, "input \"url\" is required and must be a non-empty string")
        }
        if let connection { url = try connection.absoluteURL(for: url) }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ActionError(.invalidInput, "input \"url\" must start with http:// or https://, got \"\(url)\"")
        }
        let verb = try Self.string(inputs, "verb")?.uppercased() ?? "GET"
        guard !verb.isEmpty, verb.allSatisfy({ $0.isLetter }) else {
            throw ActionError(.invalidInput, "input \"verb\" is not an HTTP method: \"\(verb)\"")
        }
        self.verb = verb
        self.url = url + Self.query(try Self.pairs(inputs, "urlParams"), appendingTo: url)
        var headers = try Self.headerPairs(inputs)
        if let connection {
            let given = Set(headers.map { $0.name.lowercased() })
            let added = connection.headers.filter { !given.contains($0.name.lowercased()) }
            headers = added.map { (name: $0.name, value: $0.value) } + headers
        }
        let hasContentType = headers.contains { $0.name.lowercased() == "content-type" }
        if let form = try Self.pairs(inputs, "formData"), !form.isEmpty {
            body = Array(URLFormEncoding.encode(form).utf8)
            if !hasContentType { headers.append((name: "Content-Type", value: "application/x-www-form-urlencoded")) }
        } else if let value = inputs["body"], !value.isNull {
            if case .string(let text) = value {
                body = Array(text.utf8)
                if !hasContentType { headers.append((name: "Content-Type", value: "text/plain; charset=utf-8")) }
            } else {
                body = Array(value.compactJSON.utf8)
                if !hasContentType { headers.append((name: "Content-Type", value: "application/json")) }
            }
        }
        // An empty `Expect:` stops curl from waiting for `100 Continue` on larger bodies.
        headerLines = headers.map { "\($0.name): \($0.value)" } + ["Expect:"]
        followRedirect = try Self.bool(inputs, "followRedirect") ?? true
        allowExpiredCertificate = try Self.bool(inputs, "allowExpiredCertificate") ?? false
        errorOnStatus = try HTTPStatusMatcher(inputs["errorOnStatus"])
        let parsingName = try Self.string(inputs, "responseParsing")?.lowercased() ?? "auto"
        guard let parsing = Parsing(rawValue: parsingName) else {
            throw ActionError(
                .invalidInput, "input \"responseParsing\" must be auto, json, text or raw, got \"\(parsingName)\"")
        }
        self.parsing = parsing
        let encodingName = try Self.string(inputs, "responseEncoding") ?? "utf8"
        guard let encoding = HTTPTextEncoding(name: encodingName) else {
            throw ActionError(.invalidInput, "input \"responseEncoding\" names an unknown charset: \"\(encodingName)\"")
        }
        self.encoding = encoding
        timeoutMilliseconds = try Self.timeoutMilliseconds(inputs, default: defaultTimeout)
    }

    private static func string(_ inputs: [String: JSONValue], _ name: String) throws(ActionError) -> String? {
        guard let value = inputs[name], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw ActionError(.invalidInput, "input \"\(name)\" must be a string, got \(value.typeName)")
        }
        return text
    }

    private static func bool(_ inputs: [String: JSONValue], _ name: String) throws(ActionError) -> Bool? {
        guard let value = inputs[name], !value.isNull else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw ActionError(.invalidInput, "input \"\(name)\" must be a boolean, got \(value.typeName)")
        }
    }

    private static func timeoutMilliseconds(
        _ inputs: [String: JSONValue], default fallback: Duration
    ) throws(ActionError) -> Int {
        guard let value = inputs["timeoutSeconds"], !value.isNull else {
            let (seconds, attoseconds) = fallback.components
            return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        }
        guard let seconds = value.numberValue, seconds > 0, seconds < 86_400 * 365 else {
            throw ActionError(.invalidInput, "input \"timeoutSeconds\" must be a positive number of seconds")
        }
        return max(1, Int(seconds * 1000))
    }

    /// `[{key, value}]` (value a string, number or boolean), or an object of the same.
    private static func pairs(
        _ inputs: [String: JSONValue], _ name: String
    ) throws(ActionError) -> [(name: String, value: String)]? {
        guard let value = inputs[name], !value.isNull else { return nil }
        if let members = value.objectValue {
            var result: [(name: String, value: String)] = []
            for key in members.keys.sorted() {
                result.append((name: key, value: try scalarText(members[key] ?? .null, input: name)))
            }
            return result
        }
        guard let items = value.arrayValue else {
            throw ActionError(.invalidInput, "input \"\(name)\" must be a list of {key, value}, got \(value.typeName)")
        }
        var result: [(name: String, value: String)] = []
        for (index, item) in items.enumerated() {
            guard let key = item["key"]?.stringValue else {
                throw ActionError(.invalidInput, "input \"\(name)[\(index)]\" needs a string \"key\"")
            }
            result.append((name: key, value: try scalarText(item["value"] ?? .null, input: "\(name)[\(index)]")))
        }
        return result
    }

    /// `requestHeaders`: `[{key, value: [string]}]` (one header line per value; a plain string value is
    /// accepted too), or an object of name → string.
    private static func headerPairs(
        _ inputs: [String: JSONValue]
    ) throws(ActionError) -> [(name: String, value: String)] {
        guard let value = inputs["requestHeaders"], !value.isNull else { return [] }
        if value.objectValue != nil { return try pairs(inputs, "requestHeaders") ?? [] }
        guard let items = value.arrayValue else {
            throw ActionError(.invalidInput, "input \"requestHeaders\" must be a list of {key, value}")
        }
        var result: [(name: String, value: String)] = []
        for (index, item) in items.enumerated() {
            let path = "requestHeaders[\(index)]"
            guard let key = item["key"]?.stringValue, !key.isEmpty, !key.contains(where: { $0 == ":" || $0.isNewline })
            else { throw ActionError(.invalidInput, "input \"\(path)\" needs a header name as \"key\"") }
            let values = item["value"]?.arrayValue ?? [item["value"] ?? .null]
            for element in values {
                let text = try scalarText(element, input: path)
                guard !text.contains(where: \.isNewline) else {
                    throw ActionError(.invalidInput, "input \"\(path)\" has a line break in its value")
                }
                result.append((name: key, value: text))
            }
        }
        return result
    }

    private static func scalarText(_ value: JSONValue, input: String) throws(ActionError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return JSONValue.format(number: number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .array, .object:
            throw ActionError(.invalidInput, "input \"\(input)\" must have a string value, got \(value.typeName)")
        }
    }

    private static func query(_ params: [(name: String, value: String)]?, appendingTo url: String) -> String {
        guard let params, !params.isEmpty else { return "" }
        let separator = url.contains("?") ? (url.hasSuffix("?") || url.hasSuffix("&") ? "" : "&") : "?"
        return separator + URLFormEncoding.encode(params)
    }
}
