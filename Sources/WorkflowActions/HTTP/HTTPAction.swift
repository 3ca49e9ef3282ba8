import CCurl
import Foundation
import WorkflowModel

/// `com.datadoghq.http.request`: one HTTP request through libcurl's multi interface.
///
/// Inputs (docs/semantics.md#http-statuses-correction): `verb` (GET), `url` (required), `body` (a string is sent as is, as `text/plain`
/// unless a content type header is given; any other JSON value is sent as JSON, `application/json`),
/// `requestHeaders` (`[{key, value: [string]}]`), `urlParams` and `formData` (`[{key, value}]`, URL-encoded),
/// `followRedirect` (true), `allowExpiredCertificate` (false: skips TLS verification when true),
/// `errorOnStatus` (see ``HTTPStatusMatcher``), `responseParsing` (`auto`, `json`, `text`, `raw` = base64),
/// `responseEncoding` (`utf8`), and `timeoutSeconds` (the whole transfer; default from the configuration).
///
/// Outputs: `{status, body, headers}`, headers as lower-cased name → value (repeated headers joined with
/// `, `).
///
/// With ``ActionInvocation/connection`` set (the step's `connectionLabel` resolved through the connections
/// file), the connection's headers are sent, a relative `url` resolves against its base URL, and a URL on
/// another origin (scheme, host, port) fails the step with `INVALID_INPUT` before anything is sent.
public struct HTTPAction: Action {
    /// Limits that apply to every request.
    public struct Configuration: Sendable {
        /// The transfer time limit when a step gives no `timeoutSeconds`.
        public var defaultTimeout: Duration
        /// A response body larger than this fails the step.
        public var maxResponseBytes: Int

        /// - Parameters:
        ///   - defaultTimeout: 300 s unless given.
        ///   - maxResponseBytes: 16 MiB unless given.
        public init(defaultTimeout: Duration = .seconds(300), maxResponseBytes: Int = 16 << 20) {
            self.defaultTimeout = defaultTimeout
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
    ///   `.failed` for a failing status (`<status line>: <body, first 750 characters>`), a transport error
    ///   (curl's message), a body that is not JSON under `responseParsing: json`, or a body over the size
    ///   limit; `.timedOut` when the time limit ends; `.canceled` when the task is cancelled.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let request = try HTTPActionRequest(
            inputs: invocation.inputs, defaultTimeout: configuration.defaultTimeout, connection: invocation.connection)
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
            throw ActionError(timedOut ? .timedOut : .failed, message)
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
        if request.errorOnStatus.fails(response.status) {
            let statusLine = response.statusLine.isEmpty ? "HTTP \(response.status)" : response.statusLine
            let text = request.encoding.decode(response.body)
            throw ActionError(.failed, "\(statusLine): \(text.prefix(messageBodyLimit))")
        }
        let contentType = headers["content-type"]?.stringValue ?? ""
        let body = try decodeBody(response.body, parsing: request.parsing, contentType: contentType, request.encoding)
        return ActionResult(outputs: [
            "status": .number(Double(response.status)), "body": body, "headers": .object(headers),
        ])
    }

    private static func decodeBody(
        _ bytes: [UInt8], parsing: HTTPActionRequest.Parsing, contentType: String, _ encoding: HTTPTextEncoding
    ) throws(ActionError) -> JSONValue {
        switch parsing {
        case .raw:
            return .string(Data(bytes).base64EncodedString())
        case .text:
            return .string(encoding.decode(bytes))
        case .json:
            if bytes.isEmpty { return .null }
            do {
                return try JSONValue.parse(Data(bytes))
            } catch {
                throw ActionError(.failed, "HTTP response body is not valid JSON: \(error)")
            }
        case .auto:
            let mediaType = contentType.split(separator: ";").first.map { $0.lowercased() } ?? ""
            let isJSON = mediaType.hasSuffix("/json") || mediaType.hasSuffix("+json")
            if isJSON, !bytes.isEmpty, let value = try? JSONValue.parse(Data(bytes)) { return value }
            return .string(encoding.decode(bytes))
        }
    }
}
