import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import WorkflowModel

/// An HTTP/1.1 server on 127.0.0.1 (ephemeral port) whose answers a test writes: it stands in for a service
/// (GitHub, Slack, Jira, PagerDuty, Datadog) and records every request it receives.
public final class StandInServer: Sendable {
    /// One request as the server received it.
    public struct Request: Sendable, Hashable {
        public var method: String
        /// The path without the query.
        public var path: String
        /// The raw query string (without `?`).
        public var query: String
        /// Header name (lower-cased) → value (repeated headers joined with `, `).
        public var headers: [String: String]
        public var body: [UInt8]

        /// The body parsed as JSON (null when it is not JSON).
        public var json: JSONValue { (try? JSONValue.parse(String(decoding: body, as: UTF8.self))) ?? .null }
    }

    /// One answer.
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: [UInt8]
        public var headers: [(String, String)]

        public init(
            status: Int = 200, contentType: String = "application/json", body: [UInt8], headers: [(String, String)] = []
        ) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.headers = headers
        }

        /// A JSON answer.
        public static func json(_ value: JSONValue, status: Int = 200) -> Response {
            Response(status: status, body: Array(value.compactJSON.utf8))
        }

        /// A JSON answer from text (a recorded response, kept byte for byte).
        public static func json(text: String, status: Int = 200) -> Response {
            Response(status: status, body: Array(text.utf8))
        }
    }

    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let recorder: Recorder

    private let scheme: String

    private init(
        port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup, recorder: Recorder, scheme: String
    ) {
        self.scheme = scheme
        self.port = port
        self.channel = channel
        self.group = group
        self.recorder = recorder
    }

    /// `http://127.0.0.1:<port>` (`https://` with TLS).
    public var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    public var requests: [Request] { recorder.log.withLock { $0 } }

    /// Runs `body` with a server answering through `respond`, shutting it down afterwards.
    /// With `tls`, the server speaks HTTPS with that context (``baseURL`` then starts with `https://`).
    public static func with(
        tls: NIOSSLContext? = nil, _ respond: @escaping @Sendable (Request) -> Response,
        _ body: (StandInServer) async throws -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorder = Recorder()
        let channel = try await TestSupport.bindHTTPServer(group: group, tls: tls) {
            StandInHandler(respond: respond, recorder: recorder)
        }
        let server = StandInServer(
            port: channel.localAddress?.port ?? 0, channel: channel, group: group, recorder: recorder,
            scheme: tls == nil ? "http" : "https")
        try await TestSupport.using(server, body) { try await $0.shutdown() }
    }

    private func shutdown() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// The request log shared by every connection's handler.
private final class Recorder: Sendable {
    let log = Mutex<[StandInServer.Request]>([])
}

private final class StandInHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (StandInServer.Request) -> StandInServer.Response
    private let recorder: Recorder
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(respond: @escaping @Sendable (StandInServer.Request) -> StandInServer.Response, recorder: Recorder) {
        self.respond = respond
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            var headers: [String: String] = [:]
            for (name, value) in head.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { $0 + ", " + value } ?? value
            }
            let request = StandInServer.Request(
                method: head.method.rawValue, path: parts.first.map(String.init) ?? "/",
                query: parts.count > 1 ? String(parts[1]) : "", headers: headers, body: body)
            recorder.log.withLock { $0.append(request) }
            let answer = respond(request)
            var responseHeaders = HTTPHeaders()
            responseHeaders.add(name: "Content-Type", value: answer.contentType)
            responseHeaders.add(name: "Content-Length", value: String(answer.body.count))
            for (name, value) in answer.headers { responseHeaders.add(name: name, value: value) }
            let status = HTTPResponseStatus(statusCode: answer.status)
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: responseHeaders))),
                promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: answer.body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

extension TestSupport {
    /// An HTTP/1.1 server channel on 127.0.0.1 with an ephemeral port, each connection answered by a fresh
    /// `handler()`.
    public static func bindHTTPServer<Handler: ChannelInboundHandler>(
        group: MultiThreadedEventLoopGroup, tls: NIOSSLContext? = nil, handler: @escaping @Sendable () -> Handler
    ) async throws -> any Channel where Handler.InboundIn == HTTPServerRequestPart {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(handler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// Runs `body` with `resource`, then `cleanup`, whether `body` throws or not.
    public static func using<Resource>(
        _ resource: Resource, _ body: (Resource) async throws -> Void,
        cleanup: (Resource) async throws -> Void
    ) async throws {
        let outcome: Result<Void, any Error>
        do {
            try await body(resource)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await cleanup(resource)
        try outcome.get()
    }
}
