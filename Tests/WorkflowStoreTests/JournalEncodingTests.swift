import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The journal's hand-written encoding of the per-step events reads back exactly as written.
@Suite("Journal encoding")
struct JournalEncodingTests {
    @Test("step events with awkward names, inputs and outputs read back unchanged")
    func stepEventsRoundTrip() async throws {
        let fixture = try await StoreFixture(.sqlite)
        let store = try SQLiteStore(path: fixture.path)
        try await store.create(Sample.summary("odd"))
        let name = "quote \" slash \\ / tab \t newline \n bell \u{07} é 🚀"
        let value: JSONValue = [
            "n": 1.5, "i": 42, "neg": -3, "big": 1e21, "null": .null, "flag": true,
            "list": [1, "two", ["three": 3]], name: .string(name),
        ]
        let time = Date(timeIntervalSinceReferenceDate: 1000)
        let entries = [
            JournalEntry(sequence: 0, time: time, event: .stepStarted(step: name, attempt: 1, inputs: ["v": value])),
            JournalEntry(sequence: 1, time: time, event: .stepStarted(step: "S", attempt: 2, inputs: [:])),
            JournalEntry(
                sequence: 2, time: time,
                event: .stepSucceeded(step: name, attempt: 3, outputs: value, branch: "br\"anch")),
            JournalEntry(
                sequence: 3, time: time,
                event: .stepSucceeded(step: "S", attempt: 1, outputs: ["nan": .number(.nan)], branch: "main")),
        ]
        // A non-finite number is refused as JSONEncoder refuses it; the others are stored.
        await #expect(throws: StoreError.self) { try await store.append(instance: "odd", entries) }
        try await store.append(instance: "odd", Array(entries.prefix(3)))
        #expect(try await store.journal(instance: "odd") == Array(entries.prefix(3)))
    }
}
