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

@Suite("Executor")
struct ExecutorTests {
    typealias B = SpecBuilder

    @Test("a failure without a handler cancels a parallel sleeping step at once, without its clock moving")
    func failureCancelsParallelSleep() async throws {
        let clock = ManualClock()
        let spec = B.spec(
            [
                B.step("Start", next: [("Sleep", "main"), ("Boom", "main")]),
                B.step("Sleep", action: CoreActionID.sleep, parameters: ["durationSeconds": 3600]),
                B.step("Boom", action: CoreActionID.error, parameters: ["message": "bad"]),
            ], start: ["Start"])
        let summary = try await RuntimeHarness(registry: .core(clock: clock), clock: clock).run(spec)
        #expect(summary.status == .stepError)
        #expect(summary.step(named: "Sleep")?.state == .canceled)
        #expect(summary.error?.message == "bad")
        #expect(clock.elapsed == .zero)
    }

    @Test("a 3600s error-handler retry runs on an injected clock without sleeping")
    func hourLongRetry() async throws {
        let clock = ManualClock()
        let failures = Mutex(1)
        var registry = ActionRegistry.core(clock: clock)
        registry.register(
            "test.flaky",
            ScriptedAction { _ throws(ActionError) in
                let fail = failures.withLock { remaining in
                    defer { remaining -= 1 }
                    return remaining > 0
                }
                if fail { throw ActionError(.failed, "not yet") }
                return ActionResult(outputs: ["ok": true])
            })
        let spec = B.spec(
            [
                B.step("Flaky", action: "test.flaky", fallback: "Fallback", retries: 1, interval: 3600),
                B.step("Fallback"),
            ],
            start: ["Flaky"])
        let harness = RuntimeHarness(registry: registry, clock: clock)
        let plan = try ExecutionPlan(spec: spec)
        let summary = try await harness.with { executor in
            let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(3600))
            _ = await executor.wait(for: id)
            return try #require(try await harness.store.instance(id: id))
        }
        #expect(summary.status == .succeeded)
        #expect(summary.step(named: "Flaky")?.attempts == 2)
        #expect(summary.step(named: "Flaky")?.outputs == ["ok": true])
        #expect(summary.step(named: "Fallback")?.state == .skipped)
        #expect(clock.elapsed == .seconds(3600))
    }

    @Test("cancel stops a running sleep; the instance and the step end CANCELED")
    func cancelRunning() async throws {
        let clock = ManualClock()
        let spec = B.spec(
            [
                B.step(
                    "Sleep", action: CoreActionID.sleep, next: [("After", "main")], parameters: ["durationSeconds": 60]),
                B.step("After"),
            ], start: ["Sleep"])
        let harness = RuntimeHarness(registry: .core(clock: clock), clock: clock)
        let plan = try ExecutionPlan(spec: spec)
        let summary = try await harness.with { executor in
            let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
            await clock.waitForSleepers(1)
            #expect(await executor.cancel(id))
            #expect(await executor.wait(for: id) == .canceled)
            return try #require(try await harness.store.instance(id: id))
        }
        #expect(summary.steps.map(\.state) == [.canceled])
        #expect(summary.endedAt != nil)
    }

    @Test("unknown action ids are refused before the run starts, naming the step")
    func unknownActionRefused() async throws {
        let spec = B.spec([B.step("Post", action: "com.datadoghq.slack.postMessage")], start: ["Post"])
        let harness = RuntimeHarness(registry: .core(), clock: VirtualClock())
        let plan = try ExecutionPlan(spec: spec)
        let error = await harness.with { executor in
            await #expect(throws: RuntimeError.self) {
                _ = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
            }
        }
        _ = error
        let page = try await harness.store.list(InstanceQuery())
        #expect(page.totalCount == 0)
        do {
            _ = try ActionTable(plan: plan, registry: .core())
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .unknownAction)
            #expect(error.message.contains("\"Post\""))
        }
    }

    @Test("a chain of inline steps is journaled in one append (group commit per scheduler turn)")
    func groupCommit() async throws {
        let store = ObservedStore()
        let clock = VirtualClock()
        let executor = WorkflowExecutor(
            registry: .core(clock: clock), store: store, clock: clock, logger: .init(label: "t"))
        async let running: Void = executor.run()
        let id = try await executor.start(StartRequest(plan: try ExecutionPlan(spec: B.chain(100)), trigger: .workflow))
        #expect(await executor.wait(for: id) == .succeeded)
        await executor.shutdown()
        await running
        #expect(store.appends.withLock { $0 } == 1)
        #expect(try await store.journal(instance: id).count == 201)
    }

    @Test("many instances run at once on one executor")
    func manyInstances() async throws {
        let clock = VirtualClock()
        let harness = RuntimeHarness(registry: .core(clock: clock), clock: clock)
        let plan = try ExecutionPlan(spec: B.fanOut(20), workflowId: "wf")
        let statuses = try await harness.with { executor in
            var ids: [String] = []
            for _ in 0..<200 { ids.append(try await executor.start(StartRequest(plan: plan, trigger: .workflow))) }
            var statuses: [InstanceStatus?] = []
            for id in ids { statuses.append(await executor.wait(for: id)) }
            return statuses
        }
        #expect(statuses.count == 200 && statuses.allSatisfy { $0 == .succeeded })
        let page = try await harness.store.list(InstanceQuery(workflowId: "wf", pageSize: 5))
        #expect(page.totalCount == 200 && page.succeededCount == 200 && page.instances.count == 5)
    }
}

@Suite("Bound on actions in flight")
struct ActionSlotsTests {
    @Test("no more than the limit of actions run at once across instances, and every instance finishes")
    func boundHolds() async throws {
        let running = Mutex((now: 0, peak: 0))
        var registry = ActionRegistry.core()
        registry.register(
            "test.track",
            ScriptedAction { _ throws(ActionError) in
                running.withLock {
                    $0.now += 1
                    $0.peak = max($0.peak, $0.now)
                }
                await Task.yield()
                await Task.yield()
                running.withLock { $0.now -= 1 }
                return ActionResult()
            })
        let spec = SpecBuilder.spec(
            [SpecBuilder.step("Fan", next: (0..<8).map { ("T\($0)", "main") })]
                + (0..<8).map { SpecBuilder.step("T\($0)", action: "test.track") },
            start: ["Fan"])
        let plan = try ExecutionPlan(spec: spec)
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: registry, store: store, clock: VirtualClock(), logger: Logger(label: "t"), maxActionsInFlight: 3)
        async let loop: Void = executor.run()
        var ids: [String] = []
        for _ in 0..<5 { ids.append(try await executor.start(StartRequest(plan: plan, trigger: .workflow))) }
        for id in ids { #expect(await executor.wait(for: id) == .succeeded) }
        await executor.shutdown()
        await loop
        #expect(running.withLock { $0.peak } <= 3)
        #expect(running.withLock { $0.peak } >= 1)
    }

    @Test("a task cancelled while it waits for a slot leaves the queue without taking one")
    func cancelledWaiter() async {
        let slots = ActionSlots(limit: 1)
        #expect(await slots.acquire())
        let waiter = Task { await slots.acquire() }
        await Task.yield()
        waiter.cancel()
        #expect(await waiter.value == false)
        slots.release()
        #expect(await slots.acquire())
    }
}
