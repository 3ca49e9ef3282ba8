import Benchmark
import Foundation
import BenchmarkSupport
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Durable runs: 1,000 concurrent instances of a 10-step chain on SQLite with group commit.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(10),
        maxIterations: 10
    )
    guard let plan = try? ExecutionPlan(spec: Workload.chain.spec(size: 10)) else { return }
    Benchmark("Runtime.sqlite.chain.10x1000") { benchmark in
        // Each iteration includes opening a fresh file (a few ms), so every run starts from an empty store.
        for _ in benchmark.scaledIterations {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteStore(path: directory.appendingPathComponent("bench.db").path)
            let driver = RuntimeDriver(plan: plan, store: store)
            blackHole(try await driver.run(instances: 1_000))
        }
    }
}
