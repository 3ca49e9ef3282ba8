import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import WorkflowModel

/// A tiny HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for the HTTP action, connection and CLI tests.
///
/// Routes: `/echo` and `/echo/…` (method, path, query, headers, body as JSON), `/status/<code>` (that status, body
/// `{"errors":["nope"]}`, or `?size=<n>` bytes of `x`), `/redirect` (302 to `/echo`), `/slow` (never answers),
/// `/text` (plain text), `/latin1` (ISO-8859-1 text), `/json-bad` (invalid JSON labelled JSON). Every request
/// counts in ``hits``.
public final class TestHTTPServer: Sendable {
    /// Something the server saw.
    public enum Event: Sendable, Equatable {
        case slowRequestArrived
        case slowConnectionClosed
    }

    public let port: Int
    public let events: AsyncStream<Event>
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let counter: HitCounter

    private init(
        port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup, events: AsyncStream<Event>,
        counter: HitCounter
    ) {
        self.port = port
        self.channel = channel
        self.group = group
        self.events = events
        self.counter = counter
    }

    /// How many requests arrived (complete request heads), on every route.
    public var hits: Int { counter.value.load(ordering: .acquiring) }

    /// Starts a server; call ``shutdown()`` when done.
    public static func start() async throws -> TestHTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let counter = HitCounter()
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let channel = try await TestSupport.bindHTTPServer(group: group) {
            TestHTTPHandler(events: continuation, counter: counter)
        }
        let port = channel.localAddress?.port ?? 0
        return TestHTTPServer(port: port, channel: channel, group: group, events: events, counter: counter)
    }

    /// `http://127.0.0.1:<port><path>`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Waits for `event` (skipping others).
    public func wait(for event: Event) async -> Bool {
        for await seen in events where seen == event { return true }
        return false
    }

    /// Runs `body` with a fresh server, shutting it down afterwards whether `body` throws or not.
    public static func with(_ body: (TestHTTPServer) async throws -> Void) async throws {
        let server = try await start()
        do {
            try await body(server)
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    public func shutdown() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// The request count shared by every connection's handler.
private final class HitCounter: Sendable {
    let value = Atomic(0)
}

/// Answers one connection's requests; lives on its channel's event loop.
private final class TestHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let events: AsyncStream<TestHTTPServer.Event>.Continuation
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private let counter: HitCounter
    private var waitingSlow = false

    init(events: AsyncStream<TestHTTPServer.Event>.Continuation, counter: HitCounter) {
        self.events = events
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            counter.value.add(1, ordering: .relaxed)
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            respond(context: context, head: head)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if waitingSlow { events.yield(.slowConnectionClosed) }
        context.fireChannelInactive()
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead) {
        let parts = head.uri.split(separator: "?", maxSplits: 1)
        let path = parts.first.map(String.init) ?? "/"
        let query = parts.count > 1 ? String(parts[1]) : ""
        switch path {
        case _ where path == "/echo" || path.hasPrefix("/echo/"):
            var headers: [String: JSONValue] = [:]
            for (name, value) in head.headers {
                let key = name.lowercased()
                headers[key] = .string((headers[key]?.stringValue.map { $0 + ", " } ?? "") + value)
            }
            let echo: JSONValue = [
                "method": .string(head.method.rawValue), "path": .string(path), "query": .string(query),
                "headers": .object(headers), "body": .string(String(decoding: body, as: UTF8.self)),
            ]
            send(context, .ok, "application/json", Array(echo.compactJSON.utf8))
        case "/redirect":
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: "/echo")
            send(context, .found, "text/plain", Array("moved".utf8), extra: headers)
        case "/slow":
            waitingSlow = true
            events.yield(.slowRequestArrived)
        case "/text":
            send(context, .ok, "text/plain; charset=utf-8", Array("hello world\n".utf8))
        case "/latin1":
            send(context, .ok, "text/plain; charset=iso-8859-1", [0x63, 0x61, 0x66, 0xE9])
        case "/json-bad":
            send(context, .ok, "application/json", Array("{not json".utf8))
        default:
            if path.hasPrefix("/status/"), let code = Int(path.dropFirst("/status/".count)) {
                let size = query.hasPrefix("size=") ? Int(query.dropFirst(5)) ?? 0 : 0
                let payload =
                    size > 0 ? [UInt8](repeating: UInt8(ascii: "x"), count: size) : Array(#"{"errors":["nope"]}"#.utf8)
                send(
                    context, HTTPResponseStatus(statusCode: code), size > 0 ? "text/plain" : "application/json", payload
                )
            } else {
                send(context, .notFound, "text/plain", Array("no route".utf8))
            }
        }
    }

    private func send(
        _ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ contentType: String, _ bytes: [UInt8],
        extra: HTTPHeaders = HTTPHeaders()
    ) {
        var headers = extra
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(bytes.count))
        headers.add(name: "X-Test", value: "one")
        headers.add(name: "X-Test", value: "two")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
