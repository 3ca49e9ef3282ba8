import Foundation
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// Starting, cancelling and waiting for instances without going through the executor actor (its running
/// instances and their signals live behind a lock).
@Suite("Executor start and signals")
struct ExecutorStartTests {
    typealias B = SpecBuilder

    /// A noop step, then a one-hour sleep.
    static func sleeper() throws -> ExecutionPlan {
        try ExecutionPlan(
            spec: B.spec(
                [
                    B.step("Start", next: [("Sleep", "main")]),
                    B.step("Sleep", action: CoreActionID.sleep, parameters: ["durationSeconds": 3600]),
                ], start: ["Start"]))
    }

    /// An executor over a memory store, with one ``sleeper()`` instance started before the executor runs.
    static func startSleeperBeforeRun() async throws -> (WorkflowExecutor, MemoryInstanceStore, ManualClock, String) {
        let clock = ManualClock()
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: .core(clock: clock), store: store, clock: clock, logger: Logger(label: "test"))
        let id = try await executor.start(StartRequest(plan: try sleeper(), trigger: .workflow))
        return (executor, store, clock, id)
    }

    @Test("a cancel made before the executor runs wins over a later suspend: the instance ends CANCELED")
    func cancelBeforeRunWins() async throws {
        let (executor, store, clock, id) = try await Self.startSleeperBeforeRun()
        #expect(await executor.cancel(id))
        #expect(await executor.suspendAll() == 1)
        async let running: Void = executor.run()
        #expect(await executor.wait(for: id) == .canceled)
        await executor.shutdown()
        await running
        let summary = try #require(try await store.instance(id: id))
        #expect(summary.step(named: "Sleep")?.state == .canceled)
        #expect(clock.elapsed == .zero)
        #expect(await executor.cancel(id) == false)
    }

    @Test("a suspend made before the executor runs leaves the instance unfinished")
    func suspendBeforeRun() async throws {
        let (executor, store, _, id) = try await Self.startSleeperBeforeRun()
        #expect(await executor.suspendAll() == 1)
        #expect(await executor.cancel(id))
        async let running: Void = executor.run()
        #expect(await executor.wait(for: id) == .inProgress)
        await executor.shutdown()
        await running
        #expect(try await store.instance(id: id)?.status == .inProgress)
    }

    @Test("cancelAll reaches every running instance; every waiter of each gets its status")
    func cancelAllAndWaiters() async throws {
        let clock = ManualClock()
        let harness = RuntimeHarness(registry: .core(clock: clock), clock: clock)
        let plan = try Self.sleeper()
        let statuses = try await harness.with { executor in
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await executor.start(StartRequest(plan: plan, trigger: .workflow))) }
            await clock.waitForSleepers(3)
            let waiting = ids
            async let first = withTaskGroup(of: InstanceStatus?.self) { group in
                for id in waiting + waiting { group.addTask { await executor.wait(for: id) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(await executor.cancelAll() == 3)
            let statuses = await first
            #expect(await executor.cancelAll() == 0)
            return statuses
        }
        #expect(statuses.count == 6 && statuses.allSatisfy { $0 == .canceled })
    }

    @Test("instances started from many tasks at once all run; waits after the end read the store")
    func concurrentStarts() async throws {
        let clock = VirtualClock()
        let harness = RuntimeHarness(registry: .core(clock: clock), clock: clock)
        let plan = try ExecutionPlan(spec: B.chain(10), workflowId: "wf")
        let ids = try await harness.with { executor in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<500 {
                    group.addTask { try await executor.start(StartRequest(plan: plan, trigger: .workflow)) }
                }
                var ids: [String] = []
                for try await id in group { ids.append(id) }
                for id in ids { #expect(await executor.wait(for: id) == .succeeded) }
                return ids
            }
        }
        #expect(Set(ids).count == 500)
        let page = try await harness.store.list(InstanceQuery(workflowId: "wf"))
        #expect(page.totalCount == 500 && page.succeededCount == 500)
        let executor = harness.executor
        #expect(await executor.wait(for: ids[0]) == .succeeded)
        #expect(await executor.wait(for: "no-such-instance") == nil)
    }

    @Test("a runner runs once: a second run changes nothing and reports IN_PROGRESS")
    func runnerRunsOnce() async throws {
        let store = MemoryInstanceStore()
        let plan = try ExecutionPlan(spec: B.chain(3))
        try await store.create(
            InstanceSummary(
                id: "once", workflowId: plan.workflowId, trigger: .workflow, sourceKind: "manual",
                source: .emptyObject, inputs: .emptyObject, startedAt: Date()))
        // The second run logs an error on purpose: the test output need not show it.
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let runner = InstanceRunner(
            scheduler: Scheduler(plan: plan, trigger: .workflow, context: InstanceContext(instanceId: "once")),
            actions: try ActionTable(plan: plan, registry: .core()), store: store, clock: VirtualClock(),
            logger: quiet)
        #expect(await runner.run() == .succeeded)
        #expect(await runner.run() == .inProgress)
        #expect(try await store.journal(instance: "once").count == 7)
        #expect(try await store.instance(id: "once")?.status == .succeeded)
    }
}
