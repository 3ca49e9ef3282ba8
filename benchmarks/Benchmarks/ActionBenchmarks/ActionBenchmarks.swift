import Benchmark
import Foundation
import PingServer
import WorkflowActions
import WorkflowModel

/// The actions that reach outside, one call per iteration: the HTTP action against a local server started in this
/// process (127.0.0.1), the shell action running `true`, and a plain `posix_spawn` + `waitpid` of the same
/// command as the floor the shell action is held to.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 2_000,
        // Process-wide counts: the curl loop's and the child-reaping tasks' allocations vary a little.
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 10])]
    )
    // One action value each, as a registry holds them (the HTTP action keeps its connections between calls).
    let http = HTTPAction()
    let shell = ShellAction()
    Benchmark("Action.http.get") { benchmark in
        let server = try await PingServer.shared()
        let invocation = ActionInvocation(stepName: "Get", actionId: "http", inputs: ["url": .string(server.url)])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await http.run(invocation))
        }
    }
    Benchmark("Action.shell.true") { benchmark in
        let invocation = ActionInvocation(stepName: "Run", actionId: "shell", inputs: ["script": "true"])
        for _ in benchmark.scaledIterations {
            blackHole(try await shell.run(invocation))
        }
    }
    Benchmark("Baseline.posixSpawn.true") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Spawn.run(["/bin/sh", "-c", "true"]))
        }
    }
}
