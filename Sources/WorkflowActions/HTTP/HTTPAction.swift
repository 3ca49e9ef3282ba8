import CCurl
import Foundation
import WorkflowModel

/// `com.datadoghq.http.request`: one HTTP request through libcurl's multi interface, with the semantics of
/// Datadog's private action runner (docs/actions.md has the full table).
///
/// Inputs: `verb` (GET), `url` (required), `body`, `requestHeaders` (`[{key, value: [string]}]`), `urlParams`
/// (`[{key, value}]`), `formData` (multipart), `followRedirect` (true), `allowExpiredCertificate` (false),
/// `errorOnStatus` (statuses or ranges that fail in addition to 400–999, see ``HTTPStatusMatcher`` and
/// docs/semantics.md#http-statuses-correction), `responseParsing`, `responseEncoding`, `timeout` (the task limit
/// in seconds, default 60) and Stepwise's `timeoutSeconds` (a shorter transfer limit).
///
/// Outputs: `{status, body, headers}`, headers as lower-cased name → value (repeated headers joined with
/// `, `).
///
/// With ``ActionInvocation/connection`` set (the step's `connectionLabel` resolved through the connections
/// file), the connection's headers override the step's, its URL parameters and body are added, a relative
/// `url` resolves against its base URL, and a URL on another origin fails the step with `INVALID_INPUT`
/// before anything is sent.
public struct HTTPAction: Action {
    /// Limits that apply to every request.
    public struct Configuration: Sendable {
        /// The task limit in seconds when a step gives no valid `timeout` input (the runner's default: 60).
        public var taskTimeoutSeconds: Int
        /// A response body larger than this fails the step.
        public var maxResponseBytes: Int

        /// - Parameters:
        ///   - taskTimeoutSeconds: 60 unless given.
        ///   - maxResponseBytes: 16 MiB unless given.
        public init(taskTimeoutSeconds: Int = 60, maxResponseBytes: Int = 16 << 20) {
            self.taskTimeoutSeconds = max(1, taskTimeoutSeconds)
            self.maxResponseBytes = maxResponseBytes
        }
    }

    /// The longest body excerpt a failure message carries.
    public static let messageBodyLimit = 750

    private let configuration: Configuration
    private let loop: CurlMultiLoop

    /// - Parameters:
    ///   - configuration: limits for every request.
    ///   - loop: the thread and connection cache to use; the process-wide one unless given.
    public init(configuration: Configuration = Configuration(), loop: CurlMultiLoop = .shared) {
        self.configuration = configuration
        self.loop = loop
    }

    /// Sends the request.
    /// - Throws: ``ActionError`` `.invalidInput` for a missing or malformed input (the message names it);
    ///   `.failed` for a status listed in `errorOnStatus` (`response status code 404 is in {[404]}`), a 3xx
    ///   with `followRedirect: false`, a status 400–999 (`404 Not Found: <body, first 750 characters>`), a
    ///   transport error (curl's message) or a body over the size limit; `.timedOut` when the time limit ends
    ///   (`task execution exceeded global timeout of 60 seconds`); `.canceled` when the task is cancelled.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        guard let connection = invocation.connection else { return try await perform(invocation) }
        do {
            var result = try await perform(invocation)
            result.outputs = connection.scrub(result.outputs)
            return result
        } catch {
            throw ActionError(error.code, connection.scrub(error.message))
        }
    }

    private func perform(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        var request = try HTTPActionRequest(
            inputs: invocation.inputs, defaultTaskSeconds: configuration.taskTimeoutSeconds,
            connection: invocation.connection)
        request.propagate(invocation.traceHeaders)
        guard let transfer = CurlTransfer(id: loop.makeID(), maxBodyBytes: configuration.maxResponseBytes) else {
            throw ActionError(.failed, "curl could not create a transfer")
        }
        configure(transfer, for: request)
        switch await loop.perform(transfer) {
        case .success(let response):
            return try Self.result(of: response, for: request)
        case .failure(.canceled):
            throw ActionError(.canceled, "HTTP request canceled")
        case .failure(.tooLarge(let limit)):
            throw ActionError(.failed, "HTTP response body exceeds the limit of \(limit) bytes")
        case .failure(.transport(let message, let timedOut)):
            if timedOut { throw ActionError(.timedOut, request.limitIsTask ? request.taskTimeout.message : message) }
            throw ActionError(.failed, message)
        }
    }

    private func configure(_ transfer: CurlTransfer, for request: HTTPActionRequest) {
        transfer.set(CURLOPT_URL, request.url)
        transfer.set(CURLOPT_NOSIGNAL, 1)
        transfer.set(CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        transfer.set(CURLOPT_ACCEPT_ENCODING, "")
        transfer.set(CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds)
        transfer.set(CURLOPT_FOLLOWLOCATION, request.followRedirect ? 1 : 0)
        transfer.set(CURLOPT_MAXREDIRS, 20)
        if request.allowExpiredCertificate {
            transfer.set(CURLOPT_SSL_VERIFYPEER, 0)
            transfer.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        switch request.verb {
        case "GET" where request.body == nil:
            break
        case "HEAD":
            transfer.set(CURLOPT_NOBODY, 1)
        case "POST":
            transfer.set(CURLOPT_POST, 1)
        default:
            transfer.set(CURLOPT_CUSTOMREQUEST, request.verb)
        }
        if let body = request.body {
            transfer.setBody(body)
        } else if request.verb == "POST" {
            transfer.setBody([])
        }
        transfer.setHeaders(request.headerLines)
    }

    private static func result(
        of response: CurlResponse, for request: HTTPActionRequest
    ) throws(ActionError)
        -> ActionResult
    {
        var headers: [String: JSONValue] = [:]
        for (name, value) in response.headers {
            let key = name.lowercased()
            if case .string(let earlier) = headers[key] {
                headers[key] = .string(earlier + ", " + value)
            } else {
                headers[key] = .string(value)
            }
        }
        if let message = request.errorOnStatus.failure(for: response.status) {
            throw ActionError(.failed, message)
        }
        if request.errorOnStatus.isEmpty, request.refusesRedirects, (300..<400).contains(response.status) {
            throw ActionError(
                .failed,
                "server responded with status \(response.status). Enable 'Follow redirect' to let the HTTP action "
                    + "follow redirections")
        }
        let contentType = headers["content-type"]?.stringValue ?? ""
        let body = request.parsing.parse(response.body, contentType: contentType, encoding: request.encoding)
        if (400...999).contains(response.status) {
            throw ActionError(.failed, failureMessage(response))
        }
        return ActionResult(outputs: [
            "status": .number(Double(response.status)), "body": body, "headers": .object(headers),
        ])
    }

    /// The runner's message for a failing status: Go's `resp.Status` (`404 Not Found`), then `: ` and the body,
    /// cut at 750 characters with `... [truncated]`.
    static func failureMessage(_ response: CurlResponse) -> String {
        var status = String(response.status)
        let parts = response.statusLine.split(separator: " ", maxSplits: 2)
        if parts.count == 3 { status += " " + parts[2] }
        let text = String(decoding: response.body, as: UTF8.self)
        if text.isEmpty { return status }
        if text.count > messageBodyLimit { return "\(status): \(text.prefix(messageBodyLimit))... [truncated]" }
        return "\(status): \(text)"
    }
}
