import Foundation
import Logging
import Synchronization
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Start latency through the library: the time from a ``Launcher/launch(_:)`` call to the moment the instance's
/// first step runs (its action is invoked), in microseconds.
///
/// Two figures: `sequential` starts the instances one at a time, each after the previous one ended (what one
/// start costs on an idle executor); `concurrent` starts them all at once (what a burst of starts waits for).
/// The first step's action is wrapped by a probe that notes the time of its first attempt and then does what the
/// action does (inline when the action is inline, so the path measured is the one a real run takes).
public struct StartLatency: Sendable {
    /// The workload's name and size, as the report names them (set by the caller).
    public var workload = ""
    public var size = 0
    public var instances: Int
    public var store: String
    public var sequential: Percentiles
    public var concurrent: Percentiles

    /// p50 and p99 of a set of samples, in microseconds.
    public struct Percentiles: Sendable {
        public var p50: Double
        public var p99: Double

        init(_ samples: [UInt64]) {
            let sorted = samples.sorted()
            p50 = BenchmarkReport.percentile(sorted, 0.50)
            p99 = BenchmarkReport.percentile(sorted, 0.99)
        }
    }

    /// Measures `plan`: `warmup` sequential rounds first (untimed), then `instances` starts one at a time and
    /// `instances` at once, each on a fresh `makeStore()`.
    /// - Throws: ``LaunchError`` when an instance cannot start; ``StartLatencyError`` when the plan has no step.
    public static func measure(
        plan: ExecutionPlan, trigger: TriggerKind = .workflow, inputs: [String: JSONValue] = [:],
        instances: Int, warmup: Int = 1, registry: ActionRegistry = .core(), storeName: String = "memory",
        makeStore: @Sendable () throws -> any InstanceStore = { MemoryInstanceStore() }
    ) async throws -> StartLatency {
        guard let first = plan.steps.first else { throw StartLatencyError(code: .noStep) }
        let count = max(instances, 1)
        let probe = StartProbe(stepName: first.name, then: registry.action(for: first.actionId))
        var probed = registry
        if probe.then is any InlineAction {
            probed.register(first.actionId, InlineStartProbe(probe: probe))
        } else {
            probed.register(first.actionId, probe)
        }
        let run = Round(plan: plan, trigger: trigger, inputs: inputs, registry: probed, probe: probe)
        for _ in 0..<warmup { _ = try await run.sequential(count, on: makeStore()) }
        let sequential = try await run.sequential(count, on: makeStore())
        let concurrent = try await run.concurrent(count, on: makeStore())
        return StartLatency(
            instances: count, store: storeName, sequential: Percentiles(sequential),
            concurrent: Percentiles(concurrent))
    }

    /// One JSON object.
    public var json: String {
        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        return
            "{\"workload\": \"\(workload)\", \"size\": \(size), \"instances\": \(instances), \"store\": \"\(store)\", "
            + "\"sequentialP50Micros\": \(number(sequential.p50)), \"sequentialP99Micros\": \(number(sequential.p99)), "
            + "\"concurrentP50Micros\": \(number(concurrent.p50)), \"concurrentP99Micros\": \(number(concurrent.p99))}"
    }
}

/// Why a start latency cannot be measured.
public struct StartLatencyError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The workflow has no step, so no first step ever runs.
        case noStep
    }

    public var code: Code
    public var description: String { "start latency: the workflow has no step to wait for" }
}

/// Starts instances on a fresh executor and returns each one's start latency (ns).
private struct Round: Sendable {
    let plan: ExecutionPlan
    let trigger: TriggerKind
    let inputs: [String: JSONValue]
    let registry: ActionRegistry
    let probe: StartProbe

    func sequential(_ count: Int, on store: any InstanceStore) async throws -> [UInt64] {
        try await withExecutor(store) { executor in
            var samples: [UInt64] = []
            samples.reserveCapacity(count)
            for index in 0..<count {
                let id = "start-\(index)"
                let launched = ContinuousClock.now
                try await executor.launcher.launch(launch(id))
                _ = await executor.wait(for: id)
                if let ran = probe.ran(id) { samples.append(Self.nanoseconds(launched.duration(to: ran))) }
            }
            return samples
        }
    }

    func concurrent(_ count: Int, on store: any InstanceStore) async throws -> [UInt64] {
        try await withExecutor(store) { executor in
            let ids = (0..<count).map { "burst-\($0)" }
            let launched = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask { try await executor.launcher.launch(launch(id)) }
                }
                try await group.waitForAll()
            }
            for id in ids { _ = await executor.wait(for: id) }
            return ids.compactMap { id in probe.ran(id).map { Self.nanoseconds(launched.duration(to: $0)) } }
        }
    }

    private func launch(_ id: String) -> Launch {
        Launch(
            .compiled(plan, version: nil), trigger: .kind(trigger), payload: inputs, sourceKind: "manual",
            instanceId: id)
    }

    private func withExecutor(
        _ store: any InstanceStore, _ body: (WorkflowExecutor) async throws -> [UInt64]
    ) async throws -> [UInt64] {
        var logger = Logger(label: "stepwise.bench.start")
        logger.logLevel = .error
        let executor = WorkflowExecutor(registry: registry, store: store, logger: logger)
        async let running: Void = executor.run()
        let samples: [UInt64]
        do {
            samples = try await body(executor)
        } catch {
            await executor.shutdown()
            await running
            throw error
        }
        await executor.shutdown()
        await running
        return samples
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}

/// Notes when the first attempt of one step starts, per instance, then runs the real action.
private final class StartProbe: Action {
    let stepName: String
    let then: (any Action)?
    private let times = Mutex<[String: ContinuousClock.Instant]>([:])

    init(stepName: String, then: (any Action)?) {
        self.stepName = stepName
        self.then = then
    }

    func note(_ invocation: ActionInvocation) {
        guard invocation.stepName == stepName, invocation.attempt == 1 else { return }
        let now = ContinuousClock.now
        times.withLock { $0[invocation.instanceId] = now }
    }

    func ran(_ instanceId: String) -> ContinuousClock.Instant? { times.withLock { $0[instanceId] } }

    func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        note(invocation)
        return try await then?.run(invocation) ?? ActionResult()
    }
}

/// ``StartProbe`` for an inline action: stays inline.
private struct InlineStartProbe: InlineAction {
    let probe: StartProbe

    func runInline(_ invocation: ActionInvocation) throws(ActionError) -> ActionResult {
        probe.note(invocation)
        guard let inline = probe.then as? any InlineAction else { return ActionResult() }
        return try inline.runInline(invocation)
    }
}
