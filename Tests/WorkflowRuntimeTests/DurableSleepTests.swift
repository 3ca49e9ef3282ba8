import Foundation
import Logging
import PostgresStore
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// `core.sleep` is a durable timer of the instance (docs/workers.md): its deadline is its `stepStarted` entry's
/// time plus its duration, a sleeping instance parks, and a sleep carried on after a restart ends at its original
/// deadline; its step's journal, inputs and outputs are those of an action that slept.
@Suite("Durable core.sleep")
struct DurableSleepTests {
    typealias B = SpecBuilder

    /// A whole number of seconds since 2001: times computed from it are exact in `Double`.
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    /// An hour's sleep, then a noop.
    static let spec = B.spec(
        [
            B.step(
                "Nap", action: CoreActionID.sleep, next: [("After", "main")], parameters: ["durationSeconds": 3_600]),
            B.step("After"),
        ],
        start: ["Nap"])

    /// Journal times on `clock`: ``start`` plus `offset` seconds plus the clock's elapsed seconds.
    static func now(_ clock: ManualClock, offset: Double = 0) -> @Sendable () -> Date {
        { start.addingTimeInterval(offset + Double(clock.elapsed.components.seconds)) }
    }

    /// The journal entries of step `name` whose event `matches`.
    static func entries(
        _ journal: [JournalEntry], _ name: String, _ matches: (InstanceEvent) -> Bool
    ) -> [JournalEntry] {
        journal.filter { $0.event.stepName == name && matches($0.event) }
    }

    static func isStarted(_ event: InstanceEvent) -> Bool {
        if case .stepStarted = event { return true }
        return false
    }

    static func isSucceeded(_ event: InstanceEvent) -> Bool {
        if case .stepSucceeded = event { return true }
        return false
    }

    /// Checks a finished run of ``spec``: one attempt of `Nap`, started once, that succeeded with `{}` at `ended`.
    static func expectSleptOnce(_ journal: [JournalEntry], ended: Date) {
        let started = entries(journal, "Nap", isStarted)
        #expect(started.count == 1)
        #expect(started.first?.event == .stepStarted(step: "Nap", attempt: 1, inputs: ["durationSeconds": 3_600]))
        let succeeded = entries(journal, "Nap", isSucceeded)
        #expect(succeeded.map(\.event) == [.stepSucceeded(step: "Nap", attempt: 1, outputs: [:], branch: "main")])
        let endedAt = succeeded.first?.time ?? .distantPast
        #expect(abs(endedAt.timeIntervalSince(ended)) < 0.001)
        #expect(entries(journal, "After", isSucceeded).count == 1)
    }

    @Test("an instance sleeping an hour is parked, woken at its deadline, and its step succeeds once with {}")
    func parkedSleep() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-sleep-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("stepwise.db").path)
        let clock = ManualClock()
        let executor = WorkflowExecutor(
            registry: .core(clock: clock), store: store, clock: clock, logger: Logger(label: "test"),
            now: Self.now(clock), parkAfter: .seconds(60))
        let plan = try ExecutionPlan(spec: Self.spec, workflowId: "wf", workflowName: "Sleep")
        async let running: Void = executor.run()
        let sleeping = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        let canceled = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        for _ in 0..<4_000 where executor.parkedCount < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(executor.parkedCount == 2)
        #expect(executor.runningCount == 2)
        // Parked, the step is what it was while the action slept: in progress, with its inputs.
        let parked = try #require(try await store.instance(id: sleeping)?.step(named: "Nap"))
        #expect(parked.state == .inProgress)
        #expect(parked.inputs == ["durationSeconds": 3_600])

        // A cancel wakes its instance at once; the sleeping step ends canceled.
        #expect(await executor.cancel(canceled))
        #expect(await executor.wait(for: canceled) == .canceled)
        #expect(try await store.instance(id: canceled)?.step(named: "Nap")?.state == .canceled)
        #expect(executor.parkedCount == 1)

        // The waking loop sleeps until the deadline, an hour after the step started.
        await clock.waitForSleepers(1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(3_600)))
        clock.advance(by: .seconds(3_600))
        #expect(await executor.wait(for: sleeping) == .succeeded)
        #expect(executor.parkedCount == 0)
        Self.expectSleptOnce(try await store.journal(instance: sleeping), ended: Self.start.addingTimeInterval(3_600))
        let step = try #require(try await store.instance(id: sleeping)?.step(named: "Nap"))
        #expect(step.state == .succeeded)
        #expect(step.outputs == [:])
        #expect(step.attempts == 1)
        await executor.shutdown()
        await running
    }

    /// The stores the restart test runs on: a SQLite file, and PostgreSQL when a test server is configured.
    enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite
        case postgres

        var testDescription: String { rawValue }

        static var available: [Backend] { TestPostgres.isConfigured ? allCases : [.sqlite] }
    }

    @Test(
        "a sleep carried on after a restart waits only what is left and ends at its original deadline",
        arguments: Backend.available)
    func restartedSleep(_ backend: Backend) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-sleep-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store: any InstanceStore & DefinitionStore
        var postgres: PostgresStore?
        switch backend {
        case .sqlite:
            store = try SQLiteStore(path: folder.appendingPathComponent("stepwise.db").path)
        case .postgres:
            let url = try #require(TestPostgres.url(schemaPrefix: "sleep")?.url)
            let opened = try await PostgresStore.open(
                url, options: PostgresStore.Options(connectTimeout: .seconds(120), operationTimeout: .seconds(120)))
            postgres = opened
            store = opened
        }
        do {
            try await restart(on: store)
        } catch {
            try? await postgres?.dropSchemaAndClose()
            throw error
        }
        try await postgres?.dropSchemaAndClose()
    }

    /// Runs ``spec`` on `store` until it sleeps, stops that executor, and carries the instance on in another one
    /// 1,000 s later: the sleep waits 2,600 s more.
    private func restart(on store: any InstanceStore & DefinitionStore) async throws {
        let stored = try await store.create(
            Workflow(id: "wf", name: "Sleep", spec: Self.spec, createdAt: Self.start, updatedAt: Self.start))
        let plan = try ExecutionPlan(spec: Self.spec, workflowId: "wf", workflowName: "Sleep")

        let firstClock = ManualClock()
        let first = WorkflowExecutor(
            registry: .core(clock: firstClock), store: store, clock: firstClock, logger: Logger(label: "test"),
            now: Self.now(firstClock))
        async let firstRunning: Void = first.run()
        let id = try await first.start(StartRequest(plan: plan, trigger: .workflow, workflowVersion: stored.version))
        await firstClock.waitForSleepers(1)
        #expect(firstClock.nextDeadline == ManualClock.Instant(offset: .seconds(3_600)))
        // The process stops (a graceful shutdown: the instance stays unfinished, its lease released).
        #expect(await first.suspendAll() == 1)
        #expect(await first.wait(for: id) == .inProgress)
        await first.shutdown()
        await firstRunning

        let secondClock = ManualClock()
        let second = WorkflowExecutor(
            registry: .core(clock: secondClock), store: store, clock: secondClock, logger: Logger(label: "test"),
            now: Self.now(secondClock, offset: 1_000))
        async let secondRunning: Void = second.run()
        let (resumed, failed) = await second.resumeUnfinished(definitions: store)
        #expect(resumed == [id])
        #expect(failed.isEmpty)
        await secondClock.waitForSleepers(1)
        #expect(secondClock.nextDeadline == ManualClock.Instant(offset: .seconds(2_600)))
        secondClock.advance(by: .seconds(2_600))
        #expect(await second.wait(for: id) == .succeeded)
        await second.shutdown()
        await secondRunning
        Self.expectSleptOnce(try await store.journal(instance: id), ended: Self.start.addingTimeInterval(3_600))
    }

    /// Runs one instance of `spec` to its end in a memory store on `clock`, journal times from ``start``.
    static func runToEnd(
        _ spec: WorkflowSpec, on clock: any Clock<Duration>, elapsed: @escaping @Sendable () -> Duration
    ) async throws -> (store: MemoryInstanceStore, id: String, status: InstanceStatus?) {
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: .core(clock: clock), store: store, clock: clock, logger: Logger(label: "test"),
            now: { start.addingTimeInterval(Double(elapsed().components.seconds)) })
        async let running: Void = executor.run()
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf", workflowName: "Sleep")
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow))
        let status = await executor.wait(for: id)
        await executor.shutdown()
        await running
        return (store, id, status)
    }

    @Test("on virtual time a sleep takes no time, and the journal shows the whole wait")
    func virtualSleep() async throws {
        let clock = VirtualClock()
        let (store, id, status) = try await Self.runToEnd(Self.spec, on: clock) { clock.elapsed }
        #expect(status == .succeeded)
        #expect(clock.elapsed == .seconds(3_600))
        Self.expectSleptOnce(try await store.journal(instance: id), ended: Self.start.addingTimeInterval(3_600))
    }

    @Test("a duration the action refuses fails the step with the action's error")
    func refusedDuration() async throws {
        let clock = ManualClock()
        let spec = B.spec(
            [B.step("Nap", action: CoreActionID.sleep, parameters: ["durationSeconds": "soon"])], start: ["Nap"])
        let (store, id, status) = try await Self.runToEnd(spec, on: clock) { clock.elapsed }
        #expect(status == .stepError)
        let failure = try #require(try await store.instance(id: id)?.step(named: "Nap")?.error)
        #expect(failure.code == ActionError.Code.invalidInput.description)
        #expect(failure.message == "input \"durationSeconds\" must be a number, got string")
        #expect(clock.sleeperCount == 0)
    }
}
