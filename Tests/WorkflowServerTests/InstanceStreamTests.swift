import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer
import WorkflowStore
import WorkflowTestSupport

@Suite("Instance stream (server-sent events)")
struct InstanceStreamTests {
    /// noop `First` → `Gate` (a scripted action that waits for the test) → noop `Last`.
    static let gated: JSONValue = [
        "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["First"]]],
        "steps": [
            [
                "name": "First", "actionId": "com.datadoghq.core.noop",
                "outboundEdges": [["nextStepName": "Gate", "branchName": "main"]],
            ],
            [
                "name": "Gate", "actionId": "test.gate",
                "outboundEdges": [["nextStepName": "Last", "branchName": "main"]],
            ],
            ["name": "Last", "actionId": "com.datadoghq.core.noop"],
        ],
    ]

    @Test("a running instance streams its journal so far, then live events in order, and ends at instanceFinished")
    func liveStream() async throws {
        let (entered, enteredSink) = AsyncStream<Void>.makeStream()
        let (release, releaseSink) = AsyncStream<Void>.makeStream()
        var registry = ActionRegistry.core()
        registry.register(
            "test.gate",
            ScriptedAction { _ in
                enteredSink.yield()
                for await _ in release { break }
                return ActionResult(outputs: ["gate": "open"])
            })
        try await ServerHarness(registry: registry).withClient { api in
            let workflowId = try await api.createWorkflow(spec: Self.gated)
            let id = try await api.execute(workflowId)
            for await _ in entered { break }
            let path = "/api/v2/workflows/\(workflowId)/instances/\(id)/stream"
            let reader = Task { try await api.send(.get, path) }
            while api.environment.streams.subscriberCount(id) == 0 { await Task.yield() }
            releaseSink.yield()
            let reply = try await reader.value
            #expect(reply.status == 200)
            #expect(reply.contentType == "text/event-stream")
            let events = try EventStreamText.events(reply.text)
            let journal = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)/events")
            #expect(events.map(\.json) == journal.json?["data"]?.arrayValue)
            #expect(events.map(\.sequence) == Array(0..<events.count))
            #expect(events.last?.json["type"] == "instanceFinished")
            #expect(events.last?.json["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
            let started = events.compactMap { $0.json["type"] == "stepStarted" ? $0.json["stepName"] : nil }
            #expect(started == ["First", "Gate", "Last"])
            #expect(api.environment.streams.subscriberCount(id) == 0)
        }
    }

    @Test("a finished instance's stream is its whole journal and ends at once")
    func finishedStream() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiNoop)
            let id = try await api.execute(workflowId)
            #expect(await api.environment.executor.wait(for: id) == .succeeded)
            let reply = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)/stream")
            #expect(reply.status == 200)
            let events = try EventStreamText.events(reply.text)
            #expect(events.map { $0.json["type"] } == ["stepStarted", "stepSucceeded", "instanceFinished"])
            #expect(api.environment.streams.subscriberCount(id) == 0)
            let missing = try await api.send(
                .get, "/api/v2/workflows/\(workflowId)/instances/\(UUID().uuidString.lowercased())/stream")
            #expect(missing.status == 404)
            #expect(missing.json?["errors"]?[0]?["code"] == "INSTANCE_NOT_FOUND")
        }
    }

    @Test("the broadcaster drops a client that falls more than its capacity behind, without blocking")
    func slowClient() async throws {
        let broadcaster = JournalBroadcaster(capacity: 2)
        let slow = broadcaster.subscribe("i")
        let entries = (0..<5).map { JournalEntry(sequence: $0, time: Date(), event: .stepSkipped(step: "S\($0)")) }
        broadcaster.publish(entries, instance: "i")
        var received: [JournalBroadcaster.Item] = []
        for await item in slow.items { received.append(item) }
        #expect(received == entries.prefix(2).map { .entry($0) })
        #expect(slow.overflowed)
        #expect(broadcaster.subscriberCount("i") == 0)
        let other = broadcaster.subscribe("j")
        broadcaster.publish(entries, instance: "i")
        other.keepAlive()
        broadcaster.unsubscribe(other)
        var items: [JournalBroadcaster.Item] = []
        for await item in other.items { items.append(item) }
        #expect(items == [.keepAlive])
        #expect(!other.overflowed)
    }
}

/// Parses a `text/event-stream` body: the `data:` line of each event, as JSON.
enum EventStreamText {
    struct Event {
        var sequence: Int
        var json: JSONValue
    }

    static func events(_ text: String) throws -> [Event] {
        try text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { line in
            let json = try JSONValue.parse(String(line.dropFirst(6)))
            let sequence = try #require(json["sequence"]?.numberValue)
            return Event(sequence: Int(sequence), json: json)
        }
    }
}
