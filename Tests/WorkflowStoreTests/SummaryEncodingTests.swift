import Foundation
import Testing
import WorkflowEngine
import WorkflowModel

@testable import WorkflowStore

/// The summary column's direct encoding: the layout `JSONEncoder` gives, read back by `JSONDecoder` unchanged.
@Suite("Summary encoding")
struct SummaryEncodingTests {
    static let odd = "quote \" slash \\ / tab \t newline \n bell \u{07} é 🚀"

    /// A new instance with a version, an awkward id and source, and a fractional start time.
    static let created = InstanceSummary(
        id: "id-\(odd)", workflowId: "wf", trigger: .githubWebhook, sourceKind: "githubWebhook",
        source: ["n": 1.5, "big": 1e21, "neg": -3, "list": [1, "two", .null, ["three": true]], odd: "x"],
        inputs: ["flag": false], startedAt: Date(timeIntervalSinceReferenceDate: 817_000_000.123_456),
        workflowVersion: 7)

    /// Events that set every optional member of the summary and of its steps.
    static let events: [InstanceEvent] = [
        .stepStarted(step: odd, attempt: 1, inputs: ["v": 0.1]),
        .stepAttemptFailed(step: odd, attempt: 1, failure: StepFailure(message: "no \"way\"", code: "FAILED")),
        .stepStarted(step: odd, attempt: 2, inputs: [:]),
        .stepSucceeded(step: odd, attempt: 2, outputs: ["o": [1, 2]], branch: "tr\"ue"),
        .stepStarted(step: "B", attempt: 1, inputs: [:]),
        .stepFailed(
            step: "B", attempt: 1, failure: StepFailure(message: "boom", code: "TIMED_OUT", attempts: 3),
            recovered: false),
        .stepSkipped(step: "C"),
        .instanceFinished(
            status: .stepError, outputs: .emptyObject,
            error: InstanceFailure(step: "B", message: "boom\n", code: "TIMED_OUT")),
    ]

    /// The journal of ``events``, a third of a second apart.
    static var journal: [JournalEntry] {
        events.enumerated().map { index, event in
            JournalEntry(sequence: index, time: created.startedAt.addingTimeInterval(Double(index) / 3), event: event)
        }
    }

    /// ``created`` with ``journal`` folded in.
    static var finished: InstanceSummary {
        var summary = created
        for entry in journal { summary.apply(entry) }
        return summary
    }

    static let cases: [(String, InstanceSummary)] = [
        (
            "just created",
            InstanceSummary(
                id: "a", workflowId: "w", trigger: .workflow, sourceKind: "manual", source: .emptyObject,
                inputs: .emptyObject, startedAt: Date(timeIntervalSinceReferenceDate: 1000))
        ),
        ("awkward, just created", created),
        ("every optional set", finished),
        (
            "a failure without a step, no version",
            {
                var summary = finished
                summary.error = InstanceFailure(step: nil, message: "outputs", code: "OUTPUT_ERROR")
                summary.workflowVersion = nil
                return summary
            }()
        ),
    ]

    /// A child instance (with its parent) whose loop ran two iterations of a body step with an awkward name:
    /// the members the loops and child workflows added (`iteration`, `loopIterations`, `parent`).
    static var loopingChild: InstanceSummary {
        var summary = InstanceSummary(
            id: "child", workflowId: "w", trigger: .workflow, sourceKind: "workflow", source: .emptyObject,
            inputs: .emptyObject, startedAt: Date(timeIntervalSinceReferenceDate: 2000),
            parent: ParentInstance(instanceId: "parent", workflowId: "pw", stepName: odd, chain: ["P", odd]))
        let events: [InstanceEvent] = [
            .stepStarted(step: "Loop", attempt: 1, inputs: [:]),
            .loopIterationStarted(step: "Loop", index: 0, body: [odd]),
            .stepStarted(step: odd, attempt: 1, inputs: [:]),
            .stepSucceeded(step: odd, attempt: 1, outputs: ["i": 0], branch: "main"),
            .loopIterationStarted(step: "Loop", index: 1, body: [odd]),
            .stepStarted(step: odd, attempt: 1, inputs: [:]),
        ]
        for (index, event) in events.enumerated() {
            summary.apply(JournalEntry(sequence: index, time: summary.startedAt, event: event))
        }
        return summary
    }

    @Test("a looping child's summary (iterations, parent) encodes and decodes whole")
    func loopsAndParents() throws {
        let summary = Self.loopingChild
        #expect(summary.steps.compactMap(\.iteration) == [0, 1])
        try matchesJSONEncoder("looping child", summary)
    }

    @Test("the direct encoding is JSONEncoder's layout and decodes to the same summary", arguments: cases)
    func matchesJSONEncoder(_ name: String, _ summary: InstanceSummary) throws {
        let direct = try StoreCoding.encodeSummary(summary)
        let foundation = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        // Same members and values (JSONEncoder orders a dictionary's keys by hash, the direct encoding sorts).
        #expect(try JSONValue.parse(direct) == JSONValue.parse(foundation), "\(name)")
        // The summary's own members in declaration order (JSONEncoder's order varies from run to run).
        let order = [
            "{\"id\":", ",\"workflowId\":", ",\"trigger\":", ",\"sourceKind\":", ",\"source\":", ",\"inputs\":",
        ]
        let positions = order.compactMap { direct.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted(), "\(name)")
        let decoded = try JSONDecoder().decode(InstanceSummary.self, from: Data(direct.utf8))
        #expect(decoded == summary, "\(name)")
    }

    @Test("a summary holding a non-finite number is refused as JSONEncoder refuses it")
    func nonFiniteRefused() {
        var summary = Self.finished
        summary.outputs = ["x": .number(.infinity)]
        #expect(throws: StoreError.self) { try StoreCoding.encodeSummary(summary) }
    }

    @Test("a finished instance written through SQLite reads back from a reopened file as folded in memory")
    func sqliteRoundTrip() async throws {
        let fixture = try await StoreFixture(.sqlite)
        let store = try SQLiteStore(path: fixture.path)
        try await store.create(Self.created)
        try await store.append(instance: Self.created.id, Self.journal)
        // An instance that succeeds at once: its end carries outputs and no error.
        let plain = Self.cases[0].1
        let ending = [
            JournalEntry(
                sequence: 0, time: plain.startedAt,
                event: .instanceFinished(status: .succeeded, outputs: ["x": 1.25, "s": "é"], error: nil))
        ]
        try await store.create(plain)
        try await store.append(instance: plain.id, ending)
        // A new store on the file: the summary comes from the snapshot written at the end, not from a cache.
        let reopened = try SQLiteStore(path: fixture.path)
        let read = try #require(try await reopened.instance(id: Self.created.id))
        #expect(read == Self.finished)
        #expect(try await reopened.journal(instance: Self.created.id) == Self.journal)
        #expect(try await reopened.journal(instance: plain.id) == ending)
        #expect(try await reopened.instance(id: plain.id)?.outputs == ["x": 1.25, "s": "é"])
        #expect(read.status == .stepError && read.step(named: "B")?.error?.attempts == 3)
    }
}
