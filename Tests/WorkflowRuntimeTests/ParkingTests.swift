import Foundation
import Logging
import Synchronization
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// Parked instances (docs/workers.md): an instance that only waits on a far timer leaves memory and is rebuilt
/// from its journal when the timer is due, or at once when a cancel comes.
@Suite("Parked instances")
struct ParkingTests {
    typealias B = SpecBuilder

    /// Attempts of `test.flaky` by instance.
    final class Attempts: Sendable {
        let counts = Mutex<[String: Int]>([:])
    }

    /// An executor over a fresh SQLite file whose timers and journal times run on `clock`, parking waits of a
    /// minute or more; `test.flaky` fails its first attempt of each instance and counts every attempt.
    static func executor(
        _ clock: ManualClock, attempts: Attempts, folder: URL
    ) throws -> (WorkflowExecutor, ExecutionPlan) {
        var registry = ActionRegistry.core()
        registry.register(
            "test.flaky",
            ScriptedAction { invocation throws(ActionError) in
                let attempt = attempts.counts.withLock { attempts in
                    attempts[invocation.instanceId, default: 0] += 1
                    return attempts[invocation.instanceId] ?? 0
                }
                guard attempt > 1 else { throw ActionError(.failed, "first attempt fails") }
                return ActionResult()
            })
        let start = Date()
        let store = try SQLiteStore(path: folder.appendingPathComponent("stepwise.db").path)
        let executor = WorkflowExecutor(
            registry: registry, store: store, clock: clock, logger: Logger(label: "test"),
            now: { start.addingTimeInterval(Double(clock.elapsed.components.seconds)) }, parkAfter: .seconds(60))
        // Flaky retries after an hour (its error handler), then After runs.
        let spec = B.spec(
            [
                B.step(
                    "Flaky", action: "test.flaky", next: [("After", "main")], fallback: "Gave_up", retries: 1,
                    interval: 3_600),
                B.step("After"), B.step("Gave_up"),
            ],
            start: ["Flaky"])
        return (executor, try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Parking"))
    }

    @Test("an instance waiting an hour on a retry is parked, rebuilt when due, and ends as it would have")
    func parkedThenRebuilt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-parking-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let attempts = Attempts()
        let (executor, plan) = try Self.executor(clock, attempts: attempts, folder: folder)
        async let running: Void = executor.run()
        let waiting = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        let canceled = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        while executor.parkedCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
        // Parked: no runner holds them, yet they count as running here (their waiters stay).
        #expect(executor.runningCount == 2)

        // A cancel wakes its instance at once: it is rebuilt and cancelled, without waiting the hour.
        #expect(await executor.cancel(canceled))
        #expect(await executor.wait(for: canceled) == .canceled)
        #expect(executor.parkedCount == 1)

        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(3_600))
        #expect(await executor.wait(for: waiting) == .succeeded)
        #expect(attempts.counts.withLock { $0[waiting] } == 2)
        #expect(attempts.counts.withLock { $0[canceled] } == 1)
        #expect(executor.parkedCount == 0)
        await executor.shutdown()
        await running
    }

    @Test("a drain hands a parked instance back at once: its lease is released for another worker")
    func drainHandsParkedBack() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-parking-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = ManualClock()
        let (executor, plan) = try Self.executor(clock, attempts: Attempts(), folder: folder)
        let store = try SQLiteStore(path: folder.appendingPathComponent("stepwise.db").path)
        async let running: Void = executor.run()
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        while executor.parkedCount < 1 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await executor.drain(timeout: .seconds(30)) == 0)
        #expect(executor.parkedCount == 0)
        await executor.shutdown()
        await running
        #expect(try await store.claimable(now: Date(), limit: 10).map(\.id) == [id])
        #expect(try await store.instance(id: id)?.status == .inProgress)
    }
}
