import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The instance summary lists a loop body step once per iteration (docs/loops.md), in both stores, also when
/// the summary is read (and, for SQLite, snapshotted) in the middle of a loop.
@Suite("Loop iterations in the instance summary", .dropsPostgresSchemas)
struct LoopSummaryTests {
    static func entry(_ sequence: Int, _ event: InstanceEvent) -> JournalEntry {
        JournalEntry(sequence: sequence, time: Sample.start.addingTimeInterval(Double(sequence)), event: event)
    }

    static func iteration(_ index: Int, from sequence: Int, skipB: Bool) -> [JournalEntry] {
        [
            entry(sequence, .loopIterationStarted(step: "Loop", index: index, body: ["A", "B"])),
            entry(sequence + 1, .stepStarted(step: "A", attempt: 1, inputs: ["i": .number(Double(index))])),
            entry(
                sequence + 2,
                .stepSucceeded(step: "A", attempt: 1, outputs: ["n": .number(Double(index))], branch: "main")),
            skipB
                ? entry(sequence + 3, .stepSkipped(step: "B"))
                : entry(
                    sequence + 3,
                    .stepFailed(
                        step: "B", attempt: 1, failure: StepFailure(message: "x", code: "FAILED"), recovered: true)),
        ]
    }

    @Test("one entry per body step per iteration, with its iteration; other steps once", arguments: StoreKind.available)
    func perIteration(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = fixture.instances
        try await store.create(Sample.summary("i-loop"))
        try await store.append(instance: "i-loop", [Self.entry(0, .stepStarted(step: "Loop", attempt: 1, inputs: [:]))])
        try await store.append(instance: "i-loop", Self.iteration(0, from: 1, skipB: true))
        // Read in the middle of the loop: the SQLite store may snapshot the summary here.
        let middle = try #require(try await store.instance(id: "i-loop"))
        #expect(middle.steps.map(\.iteration) == [nil, 0, 0])
        try await store.append(instance: "i-loop", Self.iteration(1, from: 5, skipB: false))
        try await store.append(
            instance: "i-loop",
            [Self.entry(9, .stepSucceeded(step: "Loop", attempt: 1, outputs: ["data": []], branch: "main"))])
        let summary = try #require(try await store.instance(id: "i-loop"))
        let rows = summary.steps.map { "\($0.name)#\($0.iteration.map(String.init) ?? "-")=\($0.state.rawValue)" }
        #expect(rows == ["Loop#-=SUCCEEDED", "A#0=SUCCEEDED", "B#0=SKIPPED", "A#1=SUCCEEDED", "B#1=FAILED"])
        #expect(summary.step(named: "A")?.outputs == ["n": 1])
        #expect(summary.step(named: "A")?.inputs == ["i": 1])
    }
}
