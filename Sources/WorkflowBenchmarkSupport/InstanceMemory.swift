import Foundation
import Logging
import Synchronization
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Memory per instance while it runs and once it finished, in the memory store, as growth of the resident set.
///
/// First `instances` instances run to the end, 100 at a time (so the memory of finished runners is reused and
/// what grows is what the store keeps: summaries and journals); the growth divided by `instances` is the figure
/// per finished instance. Then as many instances start at once and each stops in its first step, an action that
/// waits until every one arrived, so all are live at the same time (runner, scheduler, task group, the waiting
/// child task, the store record); the further growth divided by `instances` is the figure per live instance.
public struct InstanceMemory: Sendable {
    public var instances: Int
    public var liveBytesPerInstance: Double
    public var finishedBytesPerInstance: Double

    /// Measures `plan` (the live instances are held in its first step; every step runs as `registry` says).
    /// - Throws: ``RuntimeError`` when an instance cannot start.
    public static func measure(
        plan: ExecutionPlan, trigger: TriggerKind = .workflow, inputs: [String: JSONValue] = [:],
        instances: Int, registry: ActionRegistry = .core()
    ) async throws -> InstanceMemory {
        let count = max(instances, 1)
        let before = ProcessMemory.currentBytes
        let finishedStore = MemoryInstanceStore()
        _ = try await run(count, batch: 100, plan: plan, trigger: trigger, inputs: inputs, registry, finishedStore)
        let afterFinished = ProcessMemory.currentBytes
        var held = registry
        let gate = HoldingGate(expected: count)
        if let first = plan.steps.first {
            held.register(
                first.actionId, HeldAction(stepName: first.name, gate: gate, then: registry.action(for: first.actionId))
            )
        }
        let liveStore = MemoryInstanceStore()
        let afterLive =
            try await run(count, batch: count, plan: plan, trigger: trigger, inputs: inputs, held, liveStore) {
                await gate.allArrived()
                let live = ProcessMemory.currentBytes
                gate.release()
                return live
            } ?? afterFinished
        withExtendedLifetime(finishedStore) {}
        return InstanceMemory(
            instances: count,
            liveBytesPerInstance: Double(afterLive - afterFinished) / Double(count),
            finishedBytesPerInstance: Double(afterFinished - before) / Double(count))
    }

    /// Runs `count` instances on one executor, `batch` at a time; with `whileRunning`, calls it once the last
    /// batch started (it must let the instances end) and returns what it returned.
    private static func run(
        _ count: Int, batch: Int, plan: ExecutionPlan, trigger: TriggerKind, inputs: [String: JSONValue],
        _ registry: ActionRegistry, _ store: MemoryInstanceStore,
        whileRunning: (@Sendable () async -> Int)? = nil
    ) async throws -> Int? {
        var logger = Logger(label: "stepwise.bench.memory")
        logger.logLevel = .error
        let executor = WorkflowExecutor(
            registry: registry, store: store, logger: logger, maxActionsInFlight: count + 1)
        async let running: Void = executor.run()
        var started = 0
        var measured: Int?
        while started < count {
            var ids: [String] = []
            for index in started..<min(started + batch, count) {
                let launch = Launch(
                    .compiled(plan, version: nil), trigger: .kind(trigger), payload: inputs, sourceKind: "manual",
                    instanceId: "memory-\(index)")
                ids.append(try await executor.launcher.launch(launch).instanceId)
            }
            started += ids.count
            if let whileRunning, started == count { measured = await whileRunning() }
            for id in ids { _ = await executor.wait(for: id) }
        }
        await executor.shutdown()
        await running
        return measured
    }

    /// One JSON object.
    public var json: String {
        "{\"instances\": \(instances), \"liveBytesPerInstance\": \(Int(liveBytesPerInstance.rounded())), "
            + "\"finishedBytesPerInstance\": \(Int(finishedBytesPerInstance.rounded()))}"
    }
}

/// Counts arrivals and holds each until ``release()``.
private final class HoldingGate: Sendable {
    private struct State {
        var arrived = 0
        var released = false
        var held: [CheckedContinuation<Void, Never>] = []
        var watcher: CheckedContinuation<Void, Never>?
    }

    private let expected: Int
    private let state = Mutex(State())

    init(expected: Int) { self.expected = expected }

    /// Waits here until ``release()``.
    func arrive() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (resumeNow, watcher) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
                state.arrived += 1
                var watcher: CheckedContinuation<Void, Never>?
                if state.arrived == expected {
                    watcher = state.watcher
                    state.watcher = nil
                }
                if state.released { return (true, watcher) }
                state.held.append(continuation)
                return (false, watcher)
            }
            watcher?.resume()
            if resumeNow { continuation.resume() }
        }
    }

    /// Returns once `expected` callers arrived.
    func allArrived() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.arrived >= expected { return true }
                state.watcher = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Lets every held caller (and later ones) go on.
    func release() {
        let held = state.withLock { state in
            state.released = true
            defer { state.held.removeAll() }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }
}

/// The first step's action during a memory measurement: waits at the gate, then does what the real action does.
private struct HeldAction: Action {
    let stepName: String
    let gate: HoldingGate
    let then: (any Action)?

    func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        if invocation.stepName == stepName && invocation.attempt == 1 { await gate.arrive() }
        return try await then?.run(invocation) ?? ActionResult()
    }
}
