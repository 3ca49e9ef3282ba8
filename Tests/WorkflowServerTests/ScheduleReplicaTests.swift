import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowServer
import WorkflowStore
import WorkflowTestSupport

/// Two servers running schedules on one database (docs/workers.md): each occurrence starts once.
@Suite("Schedules on several replicas")
struct ScheduleReplicaTests {
    /// A server environment over the SQLite file at `path` (its own connection, as another process would have).
    static func replica(_ path: String, clock: ManualClock) throws -> ServerEnvironment {
        var logger = Logger(label: "stepwise.replica.test")
        logger.logLevel = .critical
        return ServerEnvironment(
            store: try SQLiteStore(path: path), registry: .core(), configuration: ServerConfiguration(), logger: logger,
            now: { ScheduleServiceTests.base.addingTimeInterval(TimeInterval(clock.elapsed.components.seconds)) },
            scheduleClock: clock)
    }

    @Test("two replicas firing one every-minute schedule start one run per occurrence")
    func oncePerOccurrence() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-replicas-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shared.db").path
        let clock = ManualClock()
        let first = try Self.replica(path, clock: clock)
        let second = try Self.replica(path, clock: clock)
        try await buildApplication(first).test(.router) { client in
            try await buildApplication(second).test(.router) { _ in
                await clock.waitForSleepers(2)
                let id = try await APIClient(client: client, environment: first).createWorkflow(
                    spec: ScheduleServiceTests.spec(overlap: "OVERLAP_ALLOWED"))
                var moved = Duration.zero
                while moved < .seconds(600) {
                    clock.advance(by: .seconds(30))
                    moved += .seconds(30)
                    await clock.waitForSleepers(2)
                }
                let runs = try await first.instances.list(InstanceQuery(workflowId: id, pageSize: 100)).instances
                let times = runs.compactMap { $0.source["scheduledTime"]?.stringValue }
                #expect(runs.count == 10, "\(times.sorted())")
                #expect(Set(times).count == runs.count)
            }
        }
    }
}
