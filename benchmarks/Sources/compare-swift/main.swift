// Prints steps/s of the plain Swift TaskGroup baseline and of Stepwise's runtime and scheduler on the same
// generated workloads, one JSON line each: {"engine", "workload", "size", "instances", "steps", "seconds"}.
// Usage: compare-swift WORKLOAD SIZE INSTANCES
import Foundation
import TaskGroupBaseline
import BenchmarkSupport
import WorkflowModel

let arguments = CommandLine.arguments
let workload = Workload(rawValue: arguments.count > 1 ? arguments[1] : "chain") ?? .chain
let size = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let instances = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let dag = TaskGroupDAG(spec: workload.spec(size: size))
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

var best = Double.infinity
var steps = 0
for _ in 0..<3 {
    let start = clock.now
    steps = await dag.run(instances: instances)
    best = min(best, seconds(start.duration(to: clock.now)))
}
print(
    "{\"engine\": \"swift-taskgroup\", \"workload\": \"\(workload.rawValue)\", \"size\": \(size), "
        + "\"instances\": \(instances), \"steps\": \(steps), \"seconds\": \(best)}")
