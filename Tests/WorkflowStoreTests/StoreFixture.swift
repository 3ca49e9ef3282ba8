import Foundation
import PostgresStore
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// Which store a shared test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite
    /// A schema of its own in the server of `STEPWISE_TEST_POSTGRES_URL` (left out when that is unset).
    case postgres

    var testDescription: String { rawValue }

    /// The kinds this run can test: PostgreSQL only with a server (``PostgresAvailabilityTests`` says why not).
    static var available: [StoreKind] { TestPostgres.isConfigured ? allCases : [.memory, .sqlite] }
}

/// A store of one kind; the SQLite one lives in a fresh temporary directory, removed with the fixture; the
/// PostgreSQL one in a fresh schema, dropped at the end of the test (``PostgresSchemas``).
final class StoreFixture {
    let instances: any InstanceStore
    let definitions: any DefinitionStore
    let directory: URL

    var path: String { directory.appendingPathComponent("stepwise.db").path }

    init(_ kind: StoreKind) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-store-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch kind {
        case .memory:
            instances = MemoryInstanceStore()
            definitions = MemoryDefinitionStore()
        case .sqlite:
            let store = try SQLiteStore(path: directory.appendingPathComponent("stepwise.db").path)
            instances = store
            definitions = store
        case .postgres:
            let store = try await PostgresSchemas.open()
            instances = store
            definitions = store
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
/// Journal and summary builders.
enum Sample {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000.125)

    static func summary(_ id: String, workflow: String = "wf-1", version: Int? = nil) -> InstanceSummary {
        InstanceSummary(
            id: id, workflowId: workflow, trigger: .api, sourceKind: "api", source: ["by": "test"],
            inputs: ["n": 1], startedAt: start, workflowVersion: version)
    }

    /// The events of steps `S0…S(n-1)` run one after another, each started then succeeded.
    static func chain(steps: Int, from first: Int = 0) -> [JournalEntry] {
        var entries: [JournalEntry] = []
        for index in 0..<steps {
            let time = start.addingTimeInterval(Double(index))
            let inputs: [String: JSONValue] = ["i": .number(Double(index))]
            entries.append(
                JournalEntry(
                    sequence: first + 2 * index, time: time,
                    event: .stepStarted(step: "S\(index)", attempt: 1, inputs: inputs)))
            entries.append(
                JournalEntry(
                    sequence: first + 2 * index + 1, time: time.addingTimeInterval(0.5),
                    event: .stepSucceeded(step: "S\(index)", attempt: 1, outputs: ["o": "x"], branch: "main")))
        }
        return entries
    }

    static func finished(_ status: InstanceStatus, sequence: Int) -> JournalEntry {
        JournalEntry(
            sequence: sequence, time: start.addingTimeInterval(1_000),
            event: .instanceFinished(
                status: status, outputs: .emptyObject,
                error: status == .succeeded ? nil : InstanceFailure(step: "S0", message: "boom", code: "FAILED")))
    }
}
