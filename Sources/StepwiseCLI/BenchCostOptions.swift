import ArgumentParser
import Foundation
import WorkflowBenchmarkSupport

/// `stepwise bench`'s per-instance cost modes (benchmarks/README.md): start latency and recording cost, each
/// printed as one JSON object instead of the throughput report.
struct BenchCostOptions: ParsableArguments {
    @Flag(
        help: """
            Instead, measure start latency: launch to first step running, p50 and p99, with --instances started \
            one at a time and then all at once (memory store, JSON).
            """)
    var startLatency = false

    @Flag(
        help: """
            Instead, measure recording cost: --instances at once on a new SQLite file (group commit), steps/s \
            and bytes written per step (JSON).
            """)
    var recordingCost = false

    /// Runs the mode asked for, if any, and prints its figures. Returns whether a mode ran.
    func run(_ target: BenchTarget, instances: Int, warmup: Int) async throws -> Bool {
        if startLatency {
            var latency = try await StartLatency.measure(
                plan: target.plan, trigger: target.trigger, inputs: target.inputs, instances: instances,
                warmup: warmup, registry: target.registry)
            latency.workload = target.name
            latency.size = target.size
            print(latency.json)
            return true
        }
        if recordingCost {
            let cost = try await RecordingCost.measure(
                plan: target.plan, trigger: target.trigger, inputs: target.inputs, instances: instances,
                warmup: warmup, registry: target.registry)
            print(cost.json)
            return true
        }
        return false
    }
}
