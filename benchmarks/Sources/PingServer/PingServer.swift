import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal HTTP/1.1 server on 127.0.0.1 (an ephemeral port) answering every request with `{"ok":true}`: the
/// far end of the HTTP action benchmarks, so what is measured is the client side.
public final class PingServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.channel = channel
        self.group = group
    }

    /// `http://127.0.0.1:<port>/ping`.
    public var url: String { "http://127.0.0.1:\(port)/ping" }

    /// Binds a new server on one event-loop thread; it lives until ``shutdown()`` or the process ends.
    /// - Throws: NIO's error when the socket cannot be bound.
    public static func start() async throws -> PingServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(PingResponder())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return PingServer(port: channel.localAddress?.port ?? 0, channel: channel, group: group)
    }

    /// Closes the socket and stops the event loop.
    public func shutdown() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Answers each complete request with a small JSON body on a kept-alive connection.
private final class PingResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let body = #"{"ok":true}"#

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        let head = HTTPResponseHead(
            version: .http1_1, status: .ok,
            headers: ["Content-Type": "application/json", "Content-Length": "\(Self.body.utf8.count)"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: Self.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

extension PingServer {
    private static let process = SharedPingServer()

    /// One server for the whole process, started by the first call (benchmark iterations reuse it).
    /// - Throws: NIO's error when the socket cannot be bound.
    public static func shared() async throws -> PingServer {
        try await process.server()
    }
}

/// Holds the process's shared ``PingServer``.
private actor SharedPingServer {
    private var started: PingServer?

    func server() async throws -> PingServer {
        if let started { return started }
        let server = try await PingServer.start()
        started = server
        return server
    }
}
