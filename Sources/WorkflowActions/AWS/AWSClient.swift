import CCurl
import Foundation

/// Signs AWS requests and sends them through the HTTP action's libcurl loop.
public struct AWSClient: Sendable {
    private let loop: CurlMultiLoop
    private let timeout: Duration
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - loop: the curl loop (the process-wide one unless given).
    ///   - timeout: the limit of one request.
    ///   - now: the signing time (the wall clock unless given).
    public init(
        loop: CurlMultiLoop = .shared, timeout: Duration = .seconds(60), now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.loop = loop
        self.timeout = timeout
        self.now = now
    }

    /// Signs `request` for `service` in `region` and sends it.
    /// - Parameter traceHeaders: the step's trace context (`traceparent`, `tracestate`), added after signing
    ///   (a tracing proxy may rewrite them without breaking the signature) unless the request has them already.
    /// - Throws: ``AWSError`` for a status ≥ 300 (AWS's code and message) or a transport failure.
    public func send(
        _ request: AWSRequest, signer: AWSSigner, operation: String, traceHeaders: [String: String] = [:]
    ) async throws(AWSError) -> AWSResponse {
        var request = request
        signer.sign(&request, date: now())
        for (name, value) in traceHeaders.sorted(by: { $0.key < $1.key }) where request.header(name) == nil {
            request.headers.append(AWSRequest.Header(name, value))
        }
        guard let transfer = CurlTransfer(id: loop.makeID(), maxBodyBytes: 64 << 20) else {
            throw AWSError(
                code: "Transport", message: "curl could not create a transfer", status: 0, operation: operation)
        }
        transfer.set(CURLOPT_URL, request.url)
        transfer.set(CURLOPT_NOSIGNAL, 1)
        transfer.set(CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        let (seconds, attoseconds) = timeout.components
        transfer.set(CURLOPT_TIMEOUT_MS, max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)))
        switch request.method {
        case "GET": break
        case "POST": transfer.set(CURLOPT_POST, 1)
        default: transfer.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if request.method != "GET" { transfer.setBody(request.body) }
        // An empty `Expect:` stops curl from waiting for `100 Continue`; an empty `Content-Type:` stops it from
        // adding a form type that the signature does not cover.
        var lines = request.headers.map { "\($0.name): \($0.value)" } + ["Expect:"]
        if request.header("Content-Type") == nil { lines.append("Content-Type:") }
        transfer.setHeaders(lines)
        switch await loop.perform(transfer) {
        case .success(let curlResponse):
            var headers: [String: String] = [:]
            for (name, value) in curlResponse.headers { headers[name.lowercased()] = value }
            let response = AWSResponse(status: curlResponse.status, headers: headers, body: curlResponse.body)
            guard response.status < 300 else { throw AWSError.from(response: response, operation: operation) }
            return response
        case .failure(.canceled):
            throw AWSError(code: "Canceled", message: "request canceled", status: 0, operation: operation)
        case .failure(.tooLarge(let limit)):
            throw AWSError(
                code: "Transport", message: "response body exceeds \(limit) bytes", status: 0, operation: operation)
        case .failure(.transport(let message, let timedOut)):
            throw AWSError(code: timedOut ? "TimedOut" : "Transport", message: message, status: 0, operation: operation)
        }
    }
}
