import Benchmark
import TaskGroupBaseline
import BenchmarkSupport
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Through the runtime (WorkflowExecutor, core actions, in-memory store), next to a plain TaskGroup running the
/// same DAG. One iteration is one whole run.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 50
    )
    let shapes: [(Workload, Int, Int)] = [(.chain, 10_000, 1), (.fanout, 10_000, 1), (.chain, 10, 1_000)]
    for (workload, size, instances) in shapes {
        let spec = workload.spec(size: size)
        let name = "\(workload.rawValue).\(size)x\(instances)"
        if let plan = try? ExecutionPlan(spec: spec) {
            Benchmark("Runtime.memory.\(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    let driver = RuntimeDriver(plan: plan, store: MemoryInstanceStore())
                    blackHole(try await driver.run(instances: instances))
                }
            }
        }
        let dag = TaskGroupDAG(spec: spec)
        Benchmark("Baseline.taskGroup.\(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(await dag.run(instances: instances))
            }
        }
    }
}
