import Benchmark
import BenchmarkSupport
import WorkflowEngine
import WorkflowModel

/// The pure scheduler, no action dispatched: one iteration is one whole instance.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(3),
        maxIterations: 200
    )
    for (workload, size) in [(Workload.chain, 10_000), (.fanout, 10_000), (.chain, 1_000), (.chain, 100_000)] {
        // 10x the steps should cost at most 10.5x the instructions: chain 1,000 / 10,000 / 100,000.
        guard let plan = try? ExecutionPlan(spec: workload.spec(size: size)) else { continue }
        let driver = SchedulerDriver(plan: plan)
        Benchmark("Scheduler.\(workload.rawValue).\(size)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(driver.run(instances: 1))
            }
        }
    }
    if let plan = try? ExecutionPlan(spec: Workload.chain.spec(size: 10)) {
        let driver = SchedulerDriver(plan: plan)
        Benchmark("Scheduler.chain.10x1000") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(driver.run(instances: 1_000))
            }
        }
    }
}
