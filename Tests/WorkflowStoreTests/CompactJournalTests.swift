import Foundation
import Testing
import WorkflowEngine
import WorkflowModel

@testable import WorkflowStore

/// A finished instance's journal in the memory store is packed (`CompactJournal`) and reads give back exactly
/// what was appended: the same entries, and the summary an eager fold gives.
@Suite("Packed journals of finished instances")
struct CompactJournalTests {
    /// A journal mixing packed events (noop-like starts and successes) with every other shape: inputs, outputs,
    /// another branch, a failure, a wait, the end; times shared within a turn and not; a gap in the sequence.
    static func journal(steps: Int = 4) -> [JournalEntry] {
        var entries: [JournalEntry] = []
        var sequence = 0
        func add(_ event: InstanceEvent, at seconds: Double) {
            entries.append(
                JournalEntry(sequence: sequence, time: Sample.start.addingTimeInterval(seconds), event: event))
            sequence += 1
        }
        for index in 0..<steps {
            let name = "step-\(index)"
            add(.stepStarted(step: name, attempt: 1, inputs: [:]), at: Double(index) * 0.001)
            add(
                .stepSucceeded(step: name, attempt: 1, outputs: .emptyObject, branch: "main"), at: Double(index) * 0.001
            )
        }
        add(.stepStarted(step: "step-0", attempt: 2, inputs: ["n": 1]), at: 1.5)
        add(.stepSucceeded(step: "step-0", attempt: 2, outputs: ["x": "y"], branch: "main"), at: 1.5)
        add(.stepSucceeded(step: "step-1", attempt: 2, outputs: .emptyObject, branch: "false"), at: 1.7)
        add(.stepWaiting(step: "step-2", attempt: 3, reason: .errorHandlerRetry, delay: .seconds(2)), at: 1.7)
        sequence += 5  // a gap: what is packed keeps sequences as they are
        add(.stepStarted(step: "ünïcode step", attempt: 300, inputs: [:]), at: -12.25)
        add(.stepSucceeded(step: "ünïcode step", attempt: 300, outputs: .emptyObject, branch: "main"), at: 2)
        add(
            .stepFailed(
                step: "step-3", attempt: 1, failure: StepFailure(message: "boom", code: "FAILED"), recovered: false),
            at: 2)
        add(.instanceFinished(status: .stepError, outputs: ["kept": true], error: nil), at: 2)
        add(.instanceFinished(status: .canceled, outputs: .emptyObject, error: nil), at: 2)
        return entries
    }

    @Test("packing gives back every entry, sequences and time bits included")
    func roundTrip() {
        let entries = Self.journal()
        let packed = CompactJournal(entries)
        #expect(packed.count == entries.count)
        #expect(packed.entries == entries)
        #expect(
            zip(packed.entries, entries).allSatisfy {
                $0.time.timeIntervalSinceReferenceDate.bitPattern
                    == $1.time.timeIntervalSinceReferenceDate.bitPattern
            })
    }

    @Test("a 10-step noop run packs into a few bytes per entry; a long journal packs and reads back too")
    func size() {
        let entries = Array(Self.journal(steps: 10).prefix(20))
        #expect(CompactJournal(entries).packedBytes < 20 * 12)
        let many = Self.journal(steps: 200)
        #expect(CompactJournal(many).entries == many)
    }

    @Test("the memory store answers a finished instance's reads as before it packed it, and takes later appends")
    func memoryStore() async throws {
        let store = MemoryInstanceStore()
        let entries = Self.journal()
        try await store.create(Sample.summary("i-packed"))
        let cut = 5
        try await store.append(instance: "i-packed", Array(entries[..<cut]))
        // Read while running: the summary folds in place.
        let running = try #require(try await store.instance(id: "i-packed"))
        #expect(running.status == .inProgress)
        try await store.append(instance: "i-packed", Array(entries[cut...]))
        var expected = Sample.summary("i-packed")
        for entry in entries { expected.apply(entry) }
        #expect(try await store.journal(instance: "i-packed") == entries)
        #expect(try await store.instance(id: "i-packed") == expected)
        #expect(try await store.instance(id: "i-packed") == expected)
        // An entry after the end (an orphan's cancel written late) is kept after the packed ones.
        let late = JournalEntry(sequence: 99, time: Sample.start, event: .stepCanceled(step: "step-9"))
        try await store.append(instance: "i-packed", [late])
        expected.apply(late)
        #expect(try await store.journal(instance: "i-packed") == entries + [late])
        #expect(try await store.instance(id: "i-packed") == expected)
    }
}
