import HTTPTypes
import Hummingbird
import ServiceLifecycle
import WorkflowAPI
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension InstanceController {
    /// `GET …/instances/{instance_id}/stream` (local extension) → 200 `text/event-stream`: the journal so far,
    /// then each entry as it is committed, one `data:` line of ``JournalResource/event(_:)`` JSON per event,
    /// ending after `instanceFinished` (at once for a finished instance).
    ///
    /// The subscription is taken before the stored journal is read, so no entry committed in between is lost;
    /// entries both stored and delivered live are sent once (by sequence). A client more than
    /// ``JournalBroadcaster/capacity`` entries behind gets a final `event: overflow` and the stream ends.
    func stream(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let (_, instance) = try await lookup(context)
        let broadcaster = environment.streams
        let subscription = broadcaster.subscribe(instance.id)
        let instances = environment.instances
        let journal: [JournalEntry]
        do {
            journal = try await store { () throws(StoreError) in try await instances.journal(instance: instance.id) }
        } catch {
            broadcaster.unsubscribe(subscription)
            throw error
        }
        var headers = HTTPFields()
        headers[.contentType] = EventStreamFrame.contentType
        headers[.cacheControl] = "no-cache"
        let keepAlive = environment.configuration.streamKeepAlive
        let body = ResponseBody { writer in
            defer { broadcaster.unsubscribe(subscription) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                // A comment every `keepAlive` while nothing happens: writing to a client that went away fails,
                // which ends this handler and its subscription (otherwise noticed only at the next event).
                group.addTask {
                    while (try? await Task.sleep(for: keepAlive)) != nil { subscription.keepAlive() }
                }
                try await Self.write(
                    journal: journal, subscription: subscription, to: &writer, capacity: broadcaster.capacity)
                group.cancelAll()
            }
        }
        return Response(status: .ok, headers: headers, body: body)
    }
    /// Writes the stored journal, then live entries until `instanceFinished`, the end of the subscription
    /// (graceful shutdown) or an overflow.
    static func write(
        journal: [JournalEntry], subscription: JournalBroadcaster.Subscription, to writer: inout any ResponseBodyWriter,
        capacity: Int
    ) async throws {
        var last = -1
        for entry in journal {
            try await writer.write(EventStreamFrame.buffer(entry))
            last = entry.sequence
            if entry.event.isInstanceFinished { return try await writer.finish(nil) }
        }
        for await item in subscription.items.cancelOnGracefulShutdown() {
            guard case .entry(let entry) = item else {
                try await writer.write(EventStreamFrame.keepAlive)
                continue
            }
            guard entry.sequence > last else { continue }
            try await writer.write(EventStreamFrame.buffer(entry))
            last = entry.sequence
            if entry.event.isInstanceFinished { return try await writer.finish(nil) }
        }
        if subscription.overflowed {
            try await writer.write(EventStreamFrame.overflow(capacity: capacity))
        }
        try await writer.finish(nil)
    }
}

/// Server-sent event frames of the `stream` endpoint.
enum EventStreamFrame {
    static let contentType = "text/event-stream"
    /// A comment line: clients ignore it.
    static let keepAlive = ByteBuffer(string: ": keep-alive\n\n")

    /// `id: <sequence>` and one `data:` line with the entry's JSON, then a blank line.
    static func buffer(_ entry: JournalEntry) -> ByteBuffer {
        ByteBuffer(string: "id: \(entry.sequence)\ndata: \(JournalResource.event(entry).compactJSON)\n\n")
    }

    /// The last frame sent to a client dropped for falling behind.
    static func overflow(capacity: Int) -> ByteBuffer {
        let detail: JSONValue = [
            "code": "SLOW_CLIENT",
            "detail": .string("more than \(capacity) events behind; reconnect to read the journal again"),
        ]
        return ByteBuffer(string: "event: overflow\ndata: \(detail.compactJSON)\n\n")
    }
}

extension InstanceEvent {
    /// Whether this is the last event of an instance.
    var isInstanceFinished: Bool {
        if case .instanceFinished = self { return true }
        return false
    }
}
