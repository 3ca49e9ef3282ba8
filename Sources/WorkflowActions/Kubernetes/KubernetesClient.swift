import CCurl
import Foundation
import WorkflowModel

/// Sends Kubernetes API requests through the HTTP action's libcurl loop: TLS verified against the cluster's CA
/// (or the system's roots), the client certificate or bearer token of the endpoint, JSON both ways. Every request
/// of one attempt shares the task time limit.
struct KubernetesClient: Sendable {
    let endpoint: KubernetesEndpoint
    let loop: CurlMultiLoop
    let timeout: TaskTimeout
    let deadline: ContinuousClock.Instant

    /// The most bytes one response may have (the runner's pod log cap is 9 MiB; objects and lists fit in 64 MiB).
    static let maxResponseBytes = 64 << 20

    init(endpoint: KubernetesEndpoint, loop: CurlMultiLoop, timeout: TaskTimeout) {
        self.endpoint = endpoint
        self.loop = loop
        self.timeout = timeout
        deadline = .now + .seconds(timeout.seconds)
    }

    /// Sends one request and returns the body of a 2xx answer.
    /// - Parameters:
    ///   - path: from `/api` or `/apis`, segments already escaped.
    ///   - query: parameters appended to the URL.
    ///   - body: sent as JSON with `contentType`.
    /// - Throws: ``ActionError`` `.failed` with the API's `Status` message (`deployments.apps "web" not found`) or
    ///   the transport's; `.timedOut` with the runner's message; `.canceled`.
    func send(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: JSONValue? = nil,
        contentType: String = "application/json"
    ) async throws(ActionError) -> [UInt8] {
        let remaining = deadline - .now
        guard remaining > .zero else { throw ActionError(.timedOut, timeout.message) }
        guard let transfer = CurlTransfer(id: loop.makeID(), maxBodyBytes: Self.maxResponseBytes) else {
            throw ActionError(.failed, "curl could not create a transfer")
        }
        transfer.set(CURLOPT_URL, URLQuery.appending(query, to: endpoint.server + path))
        transfer.set(CURLOPT_NOSIGNAL, 1)
        transfer.set(CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        let (seconds, attoseconds) = remaining.components
        transfer.set(CURLOPT_TIMEOUT_MS, max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)))
        configureTLS(transfer)
        var headers = ["Accept: application/json", "Expect:"]
        if let token = endpoint.token { headers.append("Authorization: Bearer \(token)") }
        if let username = endpoint.username {
            let pair = Data("\(username):\(endpoint.password ?? "")".utf8).base64EncodedString()
            headers.append("Authorization: Basic \(pair)")
        }
        switch method {
        case "GET": break
        case "POST": transfer.set(CURLOPT_POST, 1)
        default: transfer.set(CURLOPT_CUSTOMREQUEST, method)
        }
        if let body {
            headers.append("Content-Type: \(contentType)")
            transfer.setBody(Array(body.compactJSON.utf8))
        }
        transfer.setHeaders(headers)
        switch await loop.perform(transfer) {
        case .success(let response):
            guard (200..<300).contains(response.status) else {
                throw ActionError(.failed, Self.message(status: response.status, body: response.body))
            }
            return response.body
        case .failure(.canceled):
            throw ActionError(.canceled, "canceled while talking to the Kubernetes API")
        case .failure(.tooLarge(let limit)):
            throw ActionError(.failed, "the Kubernetes API's answer exceeds \(limit) bytes")
        case .failure(.transport(let message, let timedOut)):
            if timedOut { throw ActionError(.timedOut, timeout.message) }
            throw ActionError(.failed, "cannot reach the Kubernetes API at \(endpoint.server): \(message)")
        }
    }

    /// ``send(_:_:query:body:contentType:)`` with the answer parsed as JSON.
    func json(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: JSONValue? = nil,
        contentType: String = "application/json"
    ) async throws(ActionError) -> JSONValue {
        let bytes = try await send(method, path, query: query, body: body, contentType: contentType)
        do {
            return try JSONValue.parse(Data(bytes))
        } catch {
            throw ActionError(.failed, "the Kubernetes API answered \(method) \(path) with something that is not JSON")
        }
    }

    private func configureTLS(_ transfer: CurlTransfer) {
        if endpoint.skipsVerification {
            transfer.set(CURLOPT_SSL_VERIFYPEER, 0)
            transfer.set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let authority = endpoint.certificateAuthority { transfer.setBlob(CURLOPT_CAINFO_BLOB, authority) }
        if let certificate = endpoint.clientCertificate { transfer.setBlob(CURLOPT_SSLCERT_BLOB, certificate) }
        if let key = endpoint.clientKey { transfer.setBlob(CURLOPT_SSLKEY_BLOB, key) }
    }

    /// What the API said: a `Status` object's `message` (as client-go reports it), else the status and the start
    /// of the body.
    static func message(status: Int, body: [UInt8]) -> String {
        if let object = try? JSONValue.parse(Data(body)), let message = object["message"]?.stringValue,
            !message.isEmpty
        {
            return message
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return "the Kubernetes API answered with status \(status)" + (text.isEmpty ? "" : ": \(text)")
    }
}
