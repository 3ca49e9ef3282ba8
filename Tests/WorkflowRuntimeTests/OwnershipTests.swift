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

/// Instance ownership (docs/ownership.md): one live owner at a time, fenced writes, quarantine, and the
/// seven-day limit.
@Suite("Ownership")
struct OwnershipTests {
    typealias B = SpecBuilder

    /// A wall clock tests move by hand.
    final class Wall: Sendable {
        let time = Mutex(Date(timeIntervalSinceReferenceDate: 800_000_000))
        var now: @Sendable () -> Date { { self.time.withLock { $0 } } }
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static func executor(
        _ registry: ActionRegistry, store: any InstanceStore, owner: String, wall: Wall,
        clock: any Clock<Duration> = ContinuousClock(), now: (@Sendable () -> Date)? = nil
    ) -> WorkflowExecutor {
        // The heartbeat sleeps on a manual clock nobody moves: leases are renewed only when a test says so.
        WorkflowExecutor(
            registry: registry, store: store, clock: clock, logger: Logger(label: "test"), now: now ?? { Date() },
            ownership: OwnershipOptions(clock: ManualClock(), now: wall.now, owner: owner))
    }

    /// An unfinished instance `i-1` in `store`, started at `startedAt`, that each of `owners` claimed in turn and
    /// died holding (each lease left to expire).
    static func abandoned(
        in store: MemoryInstanceStore, wall: Wall, startedAt: Date, owners: [String]
    ) async throws -> InstanceSummary {
        let summary = InstanceSummary(
            id: "i-1", workflowId: "wf", trigger: .workflow, sourceKind: "manual", source: .emptyObject,
            inputs: .emptyObject, startedAt: startedAt)
        try await store.create(summary)
        for owner in owners {
            _ = try await store.claim(
                instance: "i-1", owner: owner, now: wall.now(), expiresAt: wall.now().addingTimeInterval(15))
            wall.advance(20)
        }
        return summary
    }

    @Test(
        "a live owner keeps its instance; after its lease expired another takes it over and the first writes nothing more"
    )
    func takeoverFencesTheOldOwner() async throws {
        let store = MemoryInstanceStore()
        let wall = Wall()
        let release = Atomic(false)
        let holds = Atomic(0)
        var registry = ActionRegistry.core()
        registry.register(
            "test.hold",
            ScriptedAction { _ throws(ActionError) in
                // The first run holds until the test releases it (a step still running in a stalled process).
                guard holds.add(1, ordering: .sequentiallyConsistent).newValue == 1 else { return ActionResult() }
                while !release.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(5)) }
                return ActionResult(outputs: ["by": "first"])
            })
        let spec = B.spec(
            [B.step("Hold", action: "test.hold", next: [("After", "main")]), B.step("After")], start: ["Hold"])
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Test")
        let first = Self.executor(registry, store: store, owner: "first", wall: wall)
        let second = Self.executor(registry, store: store, owner: "second", wall: wall)
        async let firstRunning: Void = first.run()
        async let secondRunning: Void = second.run()
        let id = try await first.start(StartRequest(plan: plan, trigger: .workflow))
        while holds.load(ordering: .acquiring) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let summary = try #require(try await store.instance(id: id))

        let refused = await #expect(throws: RuntimeError.self) { try await second.resume(summary, plan: plan) }
        #expect(refused?.code == .owned)

        wall.advance(20)  // the first owner's lease (15 s) expired without a heartbeat
        #expect(try await second.resume(summary, plan: plan))
        #expect(await second.wait(for: id) == .succeeded)
        let taken = try #require(try await store.lease(instance: id))
        #expect(taken.owner == "second" && taken.epoch == 2)

        release.store(true, ordering: .releasing)  // the first process wakes up and finishes its step
        #expect(await first.wait(for: id) == .inProgress)
        let journal = try await store.journal(instance: id)
        let succeeded = journal.compactMap { entry -> String? in
            if case .stepSucceeded(let name, _, _, _) = entry.event { return name }
            return nil
        }
        #expect(succeeded == ["Hold", "After"])
        #expect(journal.map(\.sequence) == Array(0..<journal.count))
        #expect(try await store.instance(id: id)?.step(named: "Hold")?.outputs == [:])
        await first.shutdown()
        await second.shutdown()
        _ = await (firstRunning, secondRunning)
    }

    @Test("an instance taken over from dead owners more than three times is quarantined, not resumed")
    func quarantine() async throws {
        let store = MemoryInstanceStore()
        let wall = Wall()
        let spec = B.spec([B.step("A")], start: ["A"])
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Test")
        // The first owner and three resumers each die holding the lease.
        let summary = try await Self.abandoned(
            in: store, wall: wall, startedAt: Date(), owners: ["start", "resume-1", "resume-2", "resume-3"])
        let executor = Self.executor(.core(), store: store, owner: "resume-4", wall: wall)
        async let running: Void = executor.run()
        let error = await #expect(throws: RuntimeError.self) { try await executor.resume(summary, plan: plan) }
        #expect(error?.code == .quarantined)
        let stored = try #require(try await store.instance(id: "i-1"))
        #expect(stored.status == .instanceError)
        #expect(stored.error?.code == "QUARANTINED")
        #expect(stored.error?.message.contains("failed 3 times") == true)
        #expect(try await store.journal(instance: "i-1").count == 1)
        #expect(try await store.unfinished().isEmpty)
        await executor.shutdown()
        await running
    }

    @Test("three takeovers are still resumed")
    func resumedBelowTheLimit() async throws {
        let store = MemoryInstanceStore()
        let wall = Wall()
        let plan = try ExecutionPlan(spec: B.spec([B.step("A")], start: ["A"]), workflowId: "wf", workflowName: "T")
        let summary = try await Self.abandoned(
            in: store, wall: wall, startedAt: Date(), owners: ["start", "resume-1", "resume-2"])
        let executor = Self.executor(.core(), store: store, owner: "resume-3", wall: wall)
        async let running: Void = executor.run()
        #expect(try await executor.resume(summary, plan: plan))
        #expect(await executor.wait(for: "i-1") == .succeeded)
        #expect(try await store.lease(instance: "i-1")?.takeovers == 0)  // released when it finished
        await executor.shutdown()
        await running
    }

    @Test("an instance resumed more than seven days after it started ends at once with INSTANCE_TIMEOUT")
    func resumedPastTheLimit() async throws {
        let store = MemoryInstanceStore()
        let wall = Wall()
        let ran = Atomic(0)
        var registry = ActionRegistry.core()
        registry.register(
            "test.count",
            ScriptedAction { _ throws(ActionError) in
                ran.add(1, ordering: .relaxed)
                return ActionResult()
            })
        let plan = try ExecutionPlan(
            spec: B.spec([B.step("A", action: "test.count")], start: ["A"]), workflowId: "wf", workflowName: "T")
        let summary = try await Self.abandoned(
            in: store, wall: wall, startedAt: Date().addingTimeInterval(-8 * 86_400), owners: [])
        let executor = Self.executor(registry, store: store, owner: "o", wall: wall)
        async let running: Void = executor.run()
        #expect(try await executor.resume(summary, plan: plan))
        #expect(await executor.wait(for: "i-1") == .instanceError)
        await executor.shutdown()
        await running
        #expect(ran.load(ordering: .relaxed) == 0)
        #expect(try await store.instance(id: "i-1")?.error?.code == "INSTANCE_TIMEOUT")
    }

    @Test("a retry interval of 9223372036854775807s ends the instance at the seven-day limit in virtual time")
    func sevenDayLimit() async throws {
        let clock = VirtualClock()
        let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
        let now: @Sendable () -> Date = {
            let (seconds, attoseconds) = clock.elapsed.components
            return start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        }
        var registry = ActionRegistry.core(clock: clock)
        registry.register("test.fail", ScriptedAction { _ throws(ActionError) in throw ActionError(.failed, "no") })
        let spec = B.spec(
            [B.step("Flaky", action: "test.fail", fallback: "Never", retries: 5, interval: .max), B.step("Never")],
            start: ["Flaky"])
        let store = MemoryInstanceStore()
        let executor = Self.executor(registry, store: store, owner: "o", wall: Wall(), clock: clock, now: now)
        async let running: Void = executor.run()
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Test")
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        #expect(await executor.wait(for: id) == .instanceError)
        await executor.shutdown()
        await running
        #expect(clock.elapsed == InstanceLifetime.maximum)
        let stored = try #require(try await store.instance(id: id))
        #expect(stored.error?.code == "INSTANCE_TIMEOUT")
        #expect(stored.error?.message.contains("7 days") == true)
        #expect(stored.step(named: "Flaky")?.state == .canceled)
    }
}
