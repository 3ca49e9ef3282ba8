import HTTPTypes
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The count of open connections, shared by every ``ConnectionGuard`` of one server.
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)

    /// Counts a new connection; `false` when it is beyond `limit` (it still counts until ``leave()``).
    func enter(limit: Int) -> Bool {
        open.wrappingAdd(1, ordering: .relaxed).newValue <= limit
    }

    /// A connection closed.
    func leave() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Connections open now.
    var current: Int { open.load(ordering: .relaxed) }
}

/// A handler in every connection's pipeline (after HTTP decoding) that keeps hostile clients from holding the
/// server: it closes connections beyond the cap at once, closes a connection whose request does not arrive in
/// full within the request timeout, and answers `CONNECT` (a tunnel Stepwise never opens) with a 405 that
/// closes the connection, so the response is framed by the close.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let counter: ConnectionCounter
    private let limit: Int
    private let requestTimeout: TimeAmount
    private var counted = false
    private var admitted = true
    /// Parts of a refused request are dropped until its end.
    private var discarding = false
    private var deadline: Scheduled<Void>?

    init(counter: ConnectionCounter, limit: Int, requestTimeout: Duration) {
        self.counter = counter
        self.limit = limit
        self.requestTimeout = TimeAmount(requestTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        counted = true
        admitted = counter.enter(limit: limit)
        if !admitted, context.channel.isActive { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        if counted {
            counted = false
            counter.leave()
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        guard admitted else { return context.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard admitted else { return }
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let request):
            if request.method == .connect {
                discarding = true
                refuseTunnel(context: context)
                return
            }
            let channel = context.channel
            deadline?.cancel()
            deadline = context.eventLoop.scheduleTask(in: requestTimeout) { channel.close(promise: nil) }
        case .body:
            if discarding { return }
        case .end:
            deadline?.cancel()
            deadline = nil
            if discarding {
                discarding = false
                return
            }
        }
        context.fireChannelRead(data)
    }

    /// 405 with `Connection: close`; the connection closes once it is written.
    private func refuseTunnel(context: ChannelHandlerContext) {
        var fields = HTTPFields()
        fields[.connection] = "close"
        fields[.contentLength] = "0"
        fields[.allow] = "GET, POST, PUT, PATCH, DELETE"
        let head = HTTPResponse(status: .methodNotAllowed, headerFields: fields)
        let channel = context.channel
        context.write(NIOAny(HTTPResponsePart.head(head)), promise: nil)
        context.writeAndFlush(NIOAny(HTTPResponsePart.end(nil))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
