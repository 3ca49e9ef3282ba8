import CCurl

/// What a finished transfer produced: the last response's status line, headers and body.
struct CurlResponse: Sendable {
    /// The numeric status of the last response (after redirects).
    var status: Int
    /// The last response's status line without CRLF, e.g. `HTTP/1.1 404 Not Found`.
    var statusLine: String
    /// Header lines of the last response, in order, as (name, value).
    var headers: [(name: String, value: String)]
    /// The body bytes.
    var body: [UInt8]
}

/// Why a transfer did not produce a response.
enum CurlFailure: Error, Sendable {
    /// curl reported an error; `timedOut` when it was `CURLE_OPERATION_TIMEDOUT`.
    case transport(message: String, timedOut: Bool)
    /// The body grew past the configured limit.
    case tooLarge(limit: Int)
    /// The transfer was cancelled and removed from the multi handle.
    case canceled
}

/// One easy handle and the buffers its callbacks fill.
///
/// `@unchecked Sendable`: the handle is configured by the submitting task before it is handed to the
/// ``CurlMultiLoop``; from then on every mutable member (buffers, the continuation) is touched only by the
/// loop's thread (curl runs the callbacks inside `curl_multi_perform` on that thread), and the continuation
/// is resumed exactly once, by the loop.
final class CurlTransfer: @unchecked Sendable {
    let id: Int
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let maxBodyBytes: Int
    var continuation: CheckedContinuation<Result<CurlResponse, CurlFailure>, Never>?
    private(set) var body: [UInt8] = []
    private(set) var statusLine = ""
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var exceededLimit = false

    /// Creates the easy handle; nil when curl cannot allocate one.
    init?(id: Int, maxBodyBytes: Int) {
        guard let easy = curl_easy_init() else { return nil }
        self.id = id
        self.easy = easy
        self.maxBodyBytes = maxBodyBytes
        let size = Int(stepwise_curl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = stepwise_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = stepwise_curl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteBody)
        _ = stepwise_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        _ = stepwise_curl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        _ = stepwise_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
    }

    deinit {
        curl_easy_cleanup(easy)
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    /// Sets a long option.
    func set(_ option: CURLoption, _ value: Int) {
        _ = stepwise_curl_easy_setopt_long(easy, option, value)
    }

    /// Sets a string option (curl copies strings since 7.17).
    func set(_ option: CURLoption, _ value: String) {
        _ = stepwise_curl_easy_setopt_string(easy, option, value)
    }

    /// Sets a blob option (a CA bundle, a client certificate or key in memory); curl copies the bytes.
    func setBlob(_ option: CURLoption, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var blob = curl_blob(
                data: UnsafeMutableRawPointer(mutating: buffer.baseAddress), len: buffer.count,
                flags: UInt32(CURL_BLOB_COPY))
            _ = withUnsafeMutablePointer(to: &blob) { stepwise_curl_easy_setopt_pointer(easy, option, $0) }
        }
    }

    /// Sets the request body; curl copies it.
    func setBody(_ bytes: [UInt8]) {
        _ = stepwise_curl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
        bytes.withUnsafeBufferPointer { buffer in
            let pointer = UnsafeMutableRawPointer(mutating: buffer.baseAddress)
            // An empty array may have no storage: curl needs a non-null pointer, any will do for size 0.
            _ = stepwise_curl_easy_setopt_pointer(
                easy, CURLOPT_COPYPOSTFIELDS, pointer ?? UnsafeMutableRawPointer(errorBuffer))
        }
    }

    /// Sets the request header lines (`Name: value`).
    func setHeaders(_ lines: [String]) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            list = curl_slist_append(list, line)
        }
        headerList = list
        _ = stepwise_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
    }

    /// The detailed message curl left in the error buffer, or its generic text for `code`.
    func errorMessage(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    /// The outcome once curl reports the transfer done with `code`.
    func outcome(for code: CURLcode) -> Result<CurlResponse, CurlFailure> {
        if exceededLimit { return .failure(.tooLarge(limit: maxBodyBytes)) }
        guard code == CURLE_OK else {
            return .failure(.transport(message: errorMessage(for: code), timedOut: code == CURLE_OPERATION_TIMEDOUT))
        }
        var status = 0
        _ = stepwise_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(CurlResponse(status: status, statusLine: statusLine, headers: headers, body: body))
    }

    fileprivate func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    fileprivate func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        var line = String(decoding: bytes, as: UTF8.self)
        // "\r\n" is one Character in Swift: test for any newline.
        while let last = line.last, last.isNewline { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            // A new response (after a redirect or a 100 Continue): only the last one counts.
            statusLine = line
            headers = []
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            headers.append((name: name, value: value))
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }),
            let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}

private func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    return transfer.appendBody(bytes) ? length : 0
}

private func curlWriteHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}
