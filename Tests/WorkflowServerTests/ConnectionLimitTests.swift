import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkflowServer
import WorkflowTestSupport

/// `serve` against clients that misbehave on purpose, over raw sockets on 127.0.0.1: every response is framed,
/// half-sent requests time out, and connections beyond the cap are closed (docs/limits.md).
@Suite("Connection limits and framing of a live server")
struct ConnectionLimitTests {
    /// Runs a live server with `configuration` (its port picked by the system) and hands its port to `body`.
    private func withServer(
        _ configuration: ServerConfiguration, _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        let harness = try ServerHarness(configuration: configuration)
        try await harness.withClient(.live) { api in
            let port = try #require(api.client.port)
            try await body(port)
        }
    }

    @Test("CONNECT gets a 405 that closes the connection, so an HTTP/1.1 client does not wait for a body")
    func connectIsFramed() async throws {
        try await withServer(ServerConfiguration(port: 0)) { port in
            let received = try await TestSupport.offThePool {
                let socket = try RawSocket(port: port)
                try socket.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
                return socket.read()
            }
            #expect(received.text.hasPrefix("HTTP/1.1 405"))
            #expect(received.text.lowercased().contains("connection: close"))
            // Framed by the close, well before the 30 s read timeout.
            #expect(received.closed)
        }
    }

    @Test("a route that does not exist answers with a Content-Length on a kept-alive connection")
    func notFoundHasALength() async throws {
        try await withServer(ServerConfiguration(port: 0)) { port in
            let received = try await TestSupport.offThePool {
                let socket = try RawSocket(port: port)
                try socket.send("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                return socket.read { $0.contains("\r\n\r\n") }
            }
            #expect(received.text.hasPrefix("HTTP/1.1 404"))
            #expect(received.text.lowercased().contains("content-length: "))
        }
    }

    @Test("a request whose headers never end is closed after the read timeout")
    func halfSentHeadersTimeOut() async throws {
        try await withServer(ServerConfiguration(port: 0, readTimeout: .seconds(1))) { port in
            let received = try await TestSupport.offThePool {
                let socket = try RawSocket(port: port)
                try socket.send("GET /api/v2/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                return socket.read()
            }
            #expect(received.closed)
            #expect(received.text.isEmpty)
        }
    }

    @Test("a body that stops arriving is closed after the request timeout, even with a long read timeout")
    func halfSentBodyTimesOut() async throws {
        let configuration = ServerConfiguration(port: 0, readTimeout: .seconds(60), requestTimeout: .seconds(1))
        try await withServer(configuration) { port in
            let received = try await TestSupport.offThePool {
                let socket = try RawSocket(port: port)
                try socket.send(
                    "POST /api/v2/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"data\":")
                return socket.read()
            }
            #expect(received.closed)
        }
    }

    @Test("connections beyond the cap are closed at once; a freed place is taken again")
    func connectionCap() async throws {
        // The test client's own connection takes one of the three places.
        try await withServer(ServerConfiguration(port: 0, maxConnections: 3)) { port in
            let (third, fourth) = try await TestSupport.offThePool {
                let first = try RawSocket(port: port, timeout: 1)
                let second = try RawSocket(port: port, timeout: 1)
                // Both are accepted (each waits idle) before the next one arrives.
                _ = first.read()
                _ = second.read()
                let extra = try RawSocket(port: port, timeout: 10)
                let third = extra.read()
                first.shutdown()
                // The server frees the place when it sees the close; on a loaded machine that can take a while,
                // so a refused attempt is tried again (for up to ten seconds).
                var fourth = RawSocket.Received(text: "", closed: true)
                for _ in 0..<50 where !fourth.text.hasPrefix("HTTP/1.1") {
                    Thread.sleep(forTimeInterval: 0.2)
                    let again = try RawSocket(port: port, timeout: 10)
                    try? again.send("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    fourth = again.read { $0.contains("\r\n\r\n") }
                }
                second.shutdown()
                return (third, fourth)
            }
            #expect(third.closed)
            #expect(third.text.isEmpty)
            #expect(fourth.text.hasPrefix("HTTP/1.1 404"))
        }
    }

    @Test("a cap below one or a zero timeout is refused with a code")
    func badLimitsAreRefused() {
        #expect(throws: ServerError(.invalidLimit, "")) { try ServerConfiguration(port: 0, maxConnections: 0).check() }
        #expect(throws: ServerError(.invalidLimit, "")) {
            try ServerConfiguration(port: 0, readTimeout: .zero).check()
        }
    }
}
