import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import WorkflowActions
import WorkflowModel

// Usage: ActionsBench serve <port> | http <url> <total> <concurrency> | shell <total> <concurrency> | spawn <total>

final class PingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    private let body = ByteBuffer(string: #"{"ok":true}"#)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

func serve(port: Int) async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let channel = try await ServerBootstrap(group: group)
        .serverChannelOption(.backlog, value: 512)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                try channel.pipeline.syncOperations.addHandler(PingHandler())
            }
        }
        .bind(host: "127.0.0.1", port: port).get()
    print("listening on \(port)")
    try await channel.closeFuture.get()
}

func measure(_ label: String, total: Int, concurrency: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        for _ in 0..<min(concurrency, total) {
            let index = next
            next += 1
            group.addTask { try await body(index) }
        }
        while try await group.next() != nil, next < total {
            let index = next
            next += 1
            group.addTask { try await body(index) }
        }
        try await group.waitForAll()
    }
    let seconds = start.duration(to: clock.now) / .seconds(1)
    print("\(label): \(total) in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds))/s (concurrency \(concurrency))")
}

let args = CommandLine.arguments
switch args.dropFirst().first {
case "serve":
    try await serve(port: Int(args[2]) ?? 8089)
case "http":
    let url = args[2]
    let total = Int(args[3]) ?? 10000
    let concurrency = Int(args[4]) ?? 16
    let action = HTTPAction()
    let invocation = ActionInvocation(stepName: "b", actionId: "http", inputs: ["url": .string(url)])
    _ = try await action.run(invocation)
    try await measure("http action", total: total, concurrency: concurrency) { _ in _ = try await action.run(invocation) }
case "shell":
    let total = Int(args[2]) ?? 1000
    let concurrency = Int(args[3]) ?? 1
    let action = ShellAction()
    let invocation = ActionInvocation(stepName: "b", actionId: "sh", inputs: ["script": "true"])
    try await measure("shell action", total: total, concurrency: concurrency) { _ in _ = try await action.run(invocation) }
case "spawn":
    let total = Int(args[2]) ?? 1000
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<total {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup("true"), nil]
        defer { for pointer in argv { free(pointer) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { fatalError("spawn failed") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
    let seconds = start.duration(to: clock.now) / .seconds(1)
    print("posix_spawn sh -c true: \(total) in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds))/s")
default:
    print("usage: ActionsBench serve <port> | http <url> <total> <concurrency> | shell <total> <concurrency> | spawn <total>")
}
