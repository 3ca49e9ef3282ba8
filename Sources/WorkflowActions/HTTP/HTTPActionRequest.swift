import Foundation
import WorkflowModel

/// The inputs of one `com.datadoghq.http.request` step, checked and normalised in the order Datadog's private
/// action runner applies them: forbidden headers, headers (the connection's override the step's), the
/// connection's base URL, the query, the body (merged with the connection's), then form data.
struct HTTPActionRequest: Sendable {
    /// Header names a step may not set (case-insensitive); the runner refuses them.
    static let forbiddenHeaders: Set<String> = [
        "content-length", "host", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded",
        "sec-datadog",
    ]
    /// A header the runner drops silently.
    static let droppedHeader = "runtime-worker-key"

    var verb: String
    /// The URL with the query rebuilt (step `urlParams`, then the connection's parameters).
    var url: String
    /// Header lines, `Name: value`.
    var headerLines: [String]
    var body: [UInt8]?
    var followRedirect: Bool
    /// `followRedirect` was given as false: a 3xx answer fails the step.
    var refusesRedirects: Bool
    var allowExpiredCertificate: Bool
    var errorOnStatus: HTTPStatusMatcher
    var parsing: HTTPResponseParsing
    /// The `responseEncoding` input; nil: the default for the response's content type.
    var encoding: HTTPTextEncoding?
    /// The task's limit (`timeout`, else the default).
    var taskTimeout: TaskTimeout
    /// The transfer's limit: `timeoutSeconds` when shorter than the task's.
    var timeoutMilliseconds: Int

    /// Checks `inputs`. `defaultTaskSeconds` applies when there is no valid `timeout` input.
    init(
        inputs: [String: JSONValue], defaultTaskSeconds: Int, connection: ResolvedConnection? = nil
    ) throws(ActionError) {
        let stepHeaders = try Self.headerPairs(inputs)
        if let forbidden = stepHeaders.first(where: { Self.forbiddenHeaders.contains($0.name.lowercased()) }) {
            throw ActionError(.invalidInput, "unsupported header was supplied: \"\(forbidden.name)\"")
        }
        var headers = Self.merge(stepHeaders.filter { $0.name.lowercased() != Self.droppedHeader }, over: [])
        if let connection {
            headers = Self.merge(connection.headers.map { (name: $0.name, value: $0.value) }, over: headers)
        }
        headers = Self.merge([(name: "User-Agent", value: "Datadog")], over: headers)
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
        let parameters =
            (try Self.pairs(inputs, "urlParams") ?? [])
            + (connection?.urlParameters.map { (name: $0.name, value: $0.value) } ?? [])
        self.url = URLQuery.appending(parameters, to: url)
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value
        let merged = try Self.body(inputs["body"], contentType: contentType, connection: connection?.body)
        let form = try Self.pairs(inputs, "formData") ?? []
        if !form.isEmpty, let merged, merged != .string("") {
            throw ActionError(
                .invalidInput, "both body and form-data were specified. Please select only one for your request")
        }
        if !form.isEmpty {
            let multipart = MultipartFormData(fields: form)
            body = multipart.bytes
            headers = Self.merge([(name: "Content-Type", value: multipart.contentType)], over: headers)
        } else if let merged, merged != .string("") {
            if case .string(let text) = merged {
                body = Array(text.utf8)
            } else {
                body = Array(merged.compactJSON.utf8)
            }
            if contentType == nil {
                let type =
                    connection?.body?.contentType ?? (merged.stringValue != nil ? "text/plain; charset=utf-8" : nil)
                headers.append((name: "Content-Type", value: type ?? "application/json"))
            }
        }
        // An empty `Expect:` stops curl from waiting for `100 Continue` on larger bodies.
        headerLines = headers.map { "\($0.name): \($0.value)" } + ["Expect:"]
        let follow = try Self.bool(inputs, "followRedirect")
        followRedirect = follow ?? true
        refusesRedirects = follow == false
        allowExpiredCertificate = try Self.bool(inputs, "allowExpiredCertificate") ?? false
        errorOnStatus = try HTTPStatusMatcher(inputs["errorOnStatus"])
        let parsingName = try Self.string(inputs, "responseParsing")
        guard let parsing = HTTPResponseParsing(name: parsingName) else {
            throw ActionError(
                .invalidInput,
                "input \"responseParsing\" must be json, raw, form-urlencoded or form-data, got \"\(parsingName ?? "")\""
            )
        }
        self.parsing = parsing
        if let encodingName = try Self.string(inputs, "responseEncoding") {
            guard let encoding = HTTPTextEncoding(name: encodingName) else {
                throw ActionError(
                    .invalidInput, "input \"responseEncoding\" names an unknown encoding: \"\(encodingName)\"")
            }
            self.encoding = encoding
        }
        taskTimeout = TaskTimeout(inputs: inputs, defaultSeconds: defaultTaskSeconds)
        timeoutMilliseconds = try Self.transferMilliseconds(inputs, task: taskTimeout)
    }

    /// Whether the transfer limit is the task's (so a timeout reports the runner's task message).
    var limitIsTask: Bool { timeoutMilliseconds == taskTimeout.seconds * 1000 }

    /// Adds the step's trace context headers (`traceparent`, `tracestate`), unless the step sets them itself.
    mutating func propagate(_ traceHeaders: [String: String]) {
        for (name, value) in traceHeaders.sorted(by: { $0.key < $1.key }) {
            let prefix = name.lowercased() + ":"
            guard !headerLines.contains(where: { $0.lowercased().hasPrefix(prefix) }) else { continue }
            headerLines.insert("\(name): \(value)", at: max(headerLines.count - 1, 0))
        }
    }

    /// `headers` with each of `overriding` replacing a header of the same name (case-insensitive) or added.
    private static func merge(
        _ overriding: [(name: String, value: String)], over headers: [(name: String, value: String)]
    ) -> [(name: String, value: String)] {
        var result = headers
        for header in overriding {
            if let index = result.firstIndex(where: { $0.name.lowercased() == header.name.lowercased() }) {
                result[index] = header
            } else {
                result.append(header)
            }
        }
        return result
    }

    /// The step's body merged with the connection's, as the runner does it.
    private static func body(
        _ given: JSONValue?, contentType: String?, connection: ResolvedConnection.Body?
    ) throws(ActionError) -> JSONValue? {
        let input = given?.isNull == false ? given : nil
        guard let connection, !connection.content.isEmpty, connection.contentType != "multipart/form-data" else {
            return input
        }
        if let contentType, !contentType.isEmpty, !contentType.hasPrefix(connection.contentType) {
            throw ActionError(
                .invalidInput,
                "mismatched body content types between inputs \(contentType) and connection \(connection.contentType)")
        }
        let isJSON = connection.contentType.contains("/json") || connection.contentType.contains("+json")
        guard let input else { return .string(connection.content) }
        if isJSON {
            guard case .object(var members) = input else {
                throw ActionError(
                    .invalidInput,
                    "Fail to parse input body: the connection's body is JSON, so the step's body must be an object")
            }
            guard case .object(let extra)? = try? JSONValue.parse(Data(connection.content.utf8)) else {
                throw ActionError(
                    .invalidInput, "Fail to parse evaluated body: the connection's body is not a JSON object")
            }
            members.merge(extra) { $1 }
            return .object(members)
        }
        guard case .string(let text) = input else {
            throw ActionError(
                .invalidInput,
                "Fail to parse input body: the connection's body is text, so the step's body must be a string")
        }
        return .string(connection.content + "\r\n" + text)
    }

    private static func transferMilliseconds(
        _ inputs: [String: JSONValue], task: TaskTimeout
    ) throws(ActionError) -> Int {
        let taskMilliseconds = task.seconds * 1000
        guard let value = inputs["timeoutSeconds"], !value.isNull else { return taskMilliseconds }
        guard let seconds = value.numberValue, seconds > 0, seconds < 86_400 * 365 else {
            throw ActionError(.invalidInput, "input \"timeoutSeconds\" must be a positive number of seconds")
        }
        return min(taskMilliseconds, max(1, Int(seconds * 1000)))
    }
}
