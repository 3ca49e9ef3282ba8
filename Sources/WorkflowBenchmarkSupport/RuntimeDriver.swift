import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Runs instances through the whole runtime: ``WorkflowExecutor`` with the core actions, on a store.
public struct RuntimeDriver: Sendable {
    /// The compiled workflow every instance runs.
    public let plan: ExecutionPlan
    /// The trigger that starts each instance.
    public let trigger: TriggerKind
    /// Where instances are recorded.
    public let store: any InstanceStore
    /// The inputs every instance starts with (already resolved against the input schema).
    public let inputs: [String: JSONValue]
    /// The metrics and spans the executor records (``Telemetry/off`` by default: what their cost is measured
    /// against).
    public let telemetry: Telemetry

    /// A driver for `plan` on `store`, recording into `telemetry`.
    public init(
        plan: ExecutionPlan, trigger: TriggerKind = .workflow, store: any InstanceStore,
        inputs: [String: JSONValue] = [:], telemetry: Telemetry = .off
    ) {
        self.telemetry = telemetry
        self.plan = plan
        self.trigger = trigger
        self.store = store
        self.inputs = inputs
    }

    /// What one runtime run did.
    public struct Outcome: Sendable {
        /// The ids of the instances started, in order.
        public var instanceIds: [String]
    }

    /// How many of `ids` succeeded, read from the store.
    public func succeeded(_ ids: [String]) async -> Int {
        var count = 0
        for id in ids where (try? await store.instance(id: id))?.status == .succeeded { count += 1 }
        return count
    }

    /// Starts `instances` instances at once and waits until every one ended.
    /// - Throws: ``LaunchError`` when an instance cannot start.
    public func run(instances: Int, registry: ActionRegistry = .core()) async throws -> Outcome {
        var logger = Logger(label: "stepwise.bench")
        logger.logLevel = .error
        let executor = WorkflowExecutor(registry: registry, store: store, logger: logger, telemetry: telemetry)
        async let running: Void = executor.run()
        let ids = (0..<instances).map { "bench-\($0)" }
        do {
            // Started concurrently, so a durable store group-commits the creations as it does the turns.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in ids {
                    group.addTask {
                        try await executor.launcher.launch(
                            Launch(
                                .compiled(plan, version: nil), trigger: .kind(trigger), payload: inputs,
                                sourceKind: "manual", instanceId: id))
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            await executor.shutdown()
            await running
            throw error
        }
        // `run()` returns once every started instance ended; statuses are read afterwards, untimed.
        await executor.shutdown()
        await running
        return Outcome(instanceIds: ids)
    }

    /// Step latencies (ns) read back from the journals of up to `limit` instances: for each step, the time
    /// from its `stepStarted` entry to its `stepSucceeded` entry.
    public func latencies(of ids: [String], limit: Int = 200) async -> [UInt64] {
        var samples: [UInt64] = []
        for id in ids.prefix(limit) {
            guard let journal = try? await store.journal(instance: id) else { continue }
            var started: [String: Date] = [:]
            for entry in journal {
                switch entry.event {
                case .stepStarted(let step, _, _):
                    started[step] = entry.time
                case .stepSucceeded(let step, _, _, _):
                    if let start = started[step] {
                        samples.append(UInt64(max(entry.time.timeIntervalSince(start), 0) * 1e9))
                    }
                default:
                    break
                }
            }
        }
        return samples
    }
}
