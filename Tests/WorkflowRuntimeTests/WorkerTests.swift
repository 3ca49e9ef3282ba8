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

/// Workers (docs/workers.md): a server that only creates instances, executors that claim them, drain.
@Suite("Workers")
struct WorkerTests {
    typealias B = SpecBuilder

    /// A shared SQLite file, a registry whose `test.count` steps count their runs and whose `test.hold` steps wait
    /// until released (or cancelled), and the two-step workflow `Hold -> After` stored in the file.
    final class Setting: Sendable {
        let store: SQLiteStore
        let directory: URL
        let runs = Mutex<[String: Int]>([:])
        let released = Atomic(false)
        let holding = Atomic(0)
        let stored: StoredWorkflow

        init(first: String = "test.hold") async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-workers-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("stepwise.db").path)
            let spec = B.spec(
                [B.step("First", action: first, next: [("After", "main")]), B.step("After", action: "test.count")],
                start: ["First"])
            stored = try await store.create(
                Workflow(id: "wf", name: "Workers", spec: spec, createdAt: Date(), updatedAt: Date()))
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var registry: ActionRegistry {
            var registry = ActionRegistry.core()
            registry.register(
                "test.count",
                ScriptedAction { [self] invocation throws(ActionError) in
                    self.runs.withLock { $0["\(invocation.instanceId)/\(invocation.stepName)", default: 0] += 1 }
                    return ActionResult()
                })
            registry.register(
                "test.hold",
                ScriptedAction { [self] invocation throws(ActionError) in
                    self.runs.withLock { $0["\(invocation.instanceId)/\(invocation.stepName)", default: 0] += 1 }
                    self.holding.add(1, ordering: .sequentiallyConsistent)
                    defer { self.holding.subtract(1, ordering: .sequentiallyConsistent) }
                    while !self.released.load(ordering: .acquiring) {
                        do {
                            try await Task.sleep(for: .milliseconds(5))
                        } catch {
                            throw ActionError(.canceled, "cancelled")
                        }
                    }
                    return ActionResult()
                })
            return registry
        }

        func executor(executes: Bool = true, owner: String) -> WorkflowExecutor {
            WorkflowExecutor(
                registry: registry, store: store, logger: Logger(label: "test"), cancelPollInterval: .milliseconds(50),
                definitions: store, ownership: OwnershipOptions(owner: owner), executes: executes)
        }

        func runs(_ id: String, _ step: String) -> Int { runs.withLock { $0["\(id)/\(step)"] ?? 0 } }

        /// Starts the workflow through `executor`'s launcher.
        func launch(on executor: WorkflowExecutor) async throws -> String {
            try await executor.launcher.launch(Launch(.stored(stored), trigger: .kind(.workflow))).instanceId
        }

        /// Waits (up to 60 s: a loaded machine is slow) until `condition` holds.
        func until(
            sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
        ) async throws {
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while !(try await condition()) {
                try #require(ContinuousClock.now < deadline, "timed out", sourceLocation: sourceLocation)
                try await Task.sleep(for: .milliseconds(10))
            }
        }

        /// Runs worker `owner` (its executor and its claims) around `body`, then drains it and shuts it down.
        func withWorker<T: Sendable>(
            _ owner: String, options: ClaimOptions = WorkerTests.fast,
            onClaim: @escaping @Sendable (ClaimedInstance) -> Void = { _ in },
            _ body: (WorkflowExecutor) async throws -> T
        ) async throws -> T {
            let worker = executor(owner: owner)
            async let running: Void = worker.run()
            async let claiming: Void = worker.claimWork(definitions: store, options: options, onClaim: onClaim)
            let result: Result<T, any Error>
            do {
                result = .success(try await body(worker))
            } catch {
                result = .failure(error)
            }
            await worker.drain(timeout: .zero)
            await worker.shutdown()
            _ = await (running, claiming)
            return try result.get()
        }
    }

    static let fast = ClaimOptions(pollInterval: .milliseconds(20), concurrency: 8)

    @Test("a server that does not execute only creates instances; a worker claims and runs each once")
    func noExecuteThenWorker() async throws {
        let setting = try await Setting(first: "test.count")
        let api = setting.executor(executes: false, owner: "api")
        let ids = [try await setting.launch(on: api), try await setting.launch(on: api)]
        for id in ids {
            #expect(try await setting.store.journal(instance: id).isEmpty)
            #expect(try await setting.store.lease(instance: id) == nil)
            #expect(try await setting.store.instance(id: id)?.status == .inProgress)
        }
        #expect(api.runningCount == 0)
        let claims = Mutex<[ClaimedInstance]>([])
        let record: @Sendable (ClaimedInstance) -> Void = { claimed in claims.withLock { $0.append(claimed) } }
        try await setting.withWorker("worker", onClaim: record) { _ in
            try await setting.until { try await setting.store.unfinished().isEmpty }
        }
        for id in ids {
            #expect(try await setting.store.instance(id: id)?.status == .succeeded)
            #expect(setting.runs(id, "First") == 1 && setting.runs(id, "After") == 1)
            #expect(try await setting.store.lease(instance: id)?.owner == "worker")
        }
        #expect(Set(claims.withLock { $0 }.map(\.instanceId)) == Set(ids))
        #expect(claims.withLock { $0 }.allSatisfy { !$0.isTakeover })
    }

    @Test("a worker holds at most --concurrency instances at once")
    func concurrencyBound() async throws {
        let setting = try await Setting()
        let api = setting.executor(executes: false, owner: "api")
        for _ in 0..<5 { _ = try await setting.launch(on: api) }
        let options = ClaimOptions(pollInterval: .milliseconds(20), concurrency: 2)
        try await setting.withWorker("worker", options: options) { worker in
            try await setting.until { setting.holding.load(ordering: .acquiring) == 2 }
            // Several more polls: still two.
            try await Task.sleep(for: .milliseconds(200))
            #expect(worker.runningCount == 2)
            #expect(setting.holding.load(ordering: .acquiring) == 2)
            setting.released.store(true, ordering: .releasing)
            try await setting.until { try await setting.store.unfinished().isEmpty }
        }
    }

    @Test("a drain lets the running step finish, dispatches nothing more and hands the instance back at once")
    func drainHandsBack() async throws {
        let setting = try await Setting()
        let api = setting.executor(executes: false, owner: "api")
        let id = try await setting.launch(on: api)
        let suspended = try await setting.withWorker("first") { first in
            try await setting.until { setting.holding.load(ordering: .acquiring) == 1 }
            async let drained = first.drain(timeout: .seconds(20))
            // Released only once the drain reached the instance (a fixed pause was too short on a loaded machine).
            try await setting.until { first.isDraining }
            setting.released.store(true, ordering: .releasing)
            return await drained
        }
        #expect(suspended == 0)
        // First ran and succeeded; After was dispatched (journaled as started) but not run; the lease is free.
        let stored = try #require(try await setting.store.instance(id: id))
        #expect(stored.status == .inProgress)
        #expect(stored.step(named: "First")?.state == .succeeded)
        #expect(setting.runs(id, "After") == 0)
        #expect(try await setting.store.claimable(now: Date(), limit: 10).map(\.id) == [id])
        try await setting.withWorker("second") { _ in
            try await setting.until { try await setting.store.instance(id: id)?.status == .succeeded }
        }
        #expect(setting.runs(id, "First") == 1)
        #expect(setting.runs(id, "After") == 1)
    }

    @Test("what still runs at the drain timeout is suspended and released; the step runs again elsewhere")
    func drainTimeout() async throws {
        let setting = try await Setting()
        let api = setting.executor(executes: false, owner: "api")
        let id = try await setting.launch(on: api)
        let suspended = try await setting.withWorker("first") { first in
            try await setting.until { setting.holding.load(ordering: .acquiring) == 1 }
            return await first.drain(timeout: .milliseconds(100))
        }
        #expect(suspended == 1)
        #expect(try await setting.store.claimable(now: Date(), limit: 10).map(\.id) == [id])
        setting.released.store(true, ordering: .releasing)
        try await setting.withWorker("second") { _ in
            try await setting.until { try await setting.store.instance(id: id)?.status == .succeeded }
        }
        // At-least-once: the step that was running at the timeout ran again; the lease was released, so no
        // takeover was counted.
        #expect(setting.runs(id, "First") == 2)
        #expect(setting.runs(id, "After") == 1)
        #expect(try await setting.store.lease(instance: id)?.takeovers == 0)
    }
}
