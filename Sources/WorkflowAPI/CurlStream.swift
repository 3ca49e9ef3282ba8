import CCurl
import Foundation
import Synchronization

/// A GET whose body arrives as it is received: libcurl's easy interface on a thread of its own.
public enum CurlStream {
    /// What the transfer hands over: the status (once, before any bytes), then body chunks.
    public enum Chunk: Sendable {
        case status(Int)
        case bytes([UInt8])
    }

    /// A transfer that failed below HTTP (connection refused, reset, …).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `GET url` with `headers` (`Name: value` lines); ending the iteration aborts the transfer. An
    /// `https` URL is verified against `certificateAuthorities` (a PEM file) when given, else the system's.
    public static func get(
        _ url: String, headers: [String], certificateAuthorities: String? = nil
    ) -> AsyncThrowingStream<Chunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Chunk, any Error>.makeStream()
        let sink = Sink(continuation)
        continuation.onTermination = { _ in sink.stopped.store(true, ordering: .relaxed) }
        let thread = Thread {
            transfer(url, headers: headers, certificateAuthorities: certificateAuthorities, into: sink)
        }
        thread.start()
        return stream
    }

    private static func transfer(_ url: String, headers: [String], certificateAuthorities: String?, into sink: Sink) {
        guard let easy = curl_easy_init() else {
            sink.continuation.finish(throwing: Failure(description: "curl could not start"))
            return
        }
        defer { curl_easy_cleanup(easy) }
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        defer { if let list { curl_slist_free_all(list) } }
        sink.easy = easy
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = stepwise_curl_easy_setopt_string(easy, CURLOPT_URL, url)
        _ = stepwise_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
        _ = stepwise_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = stepwise_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT, 10)
        if let certificateAuthorities {
            _ = stepwise_curl_easy_setopt_string(easy, CURLOPT_CAINFO, certificateAuthorities)
        }
        _ = stepwise_curl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlStreamWrite)
        _ = stepwise_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        let code = withExtendedLifetime(sink) { curl_easy_perform(easy) }
        if code == CURLE_OK || sink.stopped.load(ordering: .relaxed) {
            sink.sendStatus()
            sink.continuation.finish()
        } else {
            let message = String(cString: curl_easy_strerror(code))
            sink.continuation.finish(throwing: Failure(description: message))
        }
    }

    /// The write callback's context (used only on the transfer's thread, apart from `stopped`).
    final class Sink: @unchecked Sendable {
        let continuation: AsyncThrowingStream<Chunk, any Error>.Continuation
        let stopped = Atomic(false)
        var easy: UnsafeMutableRawPointer?
        private var statusSent = false

        init(_ continuation: AsyncThrowingStream<Chunk, any Error>.Continuation) {
            self.continuation = continuation
        }

        func sendStatus() {
            guard !statusSent, let easy else { return }
            statusSent = true
            var status = 0
            _ = stepwise_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            continuation.yield(.status(status))
        }

        /// false to abort the transfer (the reader went away).
        func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard !stopped.load(ordering: .relaxed) else { return false }
            sendStatus()
            continuation.yield(.bytes(Array(bytes)))
            return true
        }
    }
}

private func curlStreamWrite(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let sink = Unmanaged<CurlStream.Sink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    return sink.receive(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}
