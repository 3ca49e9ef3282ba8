import Benchmark
import WorkflowModel

/// Datadog's workflow API in process (Hummingbird's router test client: routing, JSON, the SQLite store and the
/// executor, no socket): create a workflow, execute an instance, get a finished instance. One request per
/// iteration; each iteration starts from a fresh server and database, set up (and warmed by one request) outside
/// the measurement. Allocation counts are process-wide, so the executor's and schedules' background tasks that
/// happen to run during the request count too: the committed threshold allows 35% at p90.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 200,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 35])]
    )
    Benchmark("Server.createWorkflow") { benchmark in
        // Measurement starts and stops in this task only, after and before the fixture's own work.
        nonisolated(unsafe) let benchmark = benchmark
        try await APIFixture.with { api in
            benchmark.startMeasurement()
            blackHole(try await api.createWorkflow())
            benchmark.stopMeasurement()
        }
    }
    Benchmark("Server.executeInstance") { benchmark in
        // Measurement starts and stops in this task only, after and before the fixture's own work.
        nonisolated(unsafe) let benchmark = benchmark
        try await APIFixture.with { api in
            let workflow = try await api.createWorkflow()
            benchmark.startMeasurement()
            blackHole(try await api.execute(workflow))
            benchmark.stopMeasurement()
        }
    }
    Benchmark("Server.getInstance") { benchmark in
        // Measurement starts and stops in this task only, after and before the fixture's own work.
        nonisolated(unsafe) let benchmark = benchmark
        try await APIFixture.with { api in
            let workflow = try await api.createWorkflow()
            let instance = try await api.execute(workflow)
            try await api.waitUntilFinished(workflow: workflow, instance: instance)
            benchmark.startMeasurement()
            blackHole(try await api.request(.get, "/api/v2/workflows/\(workflow)/instances/\(instance)"))
            benchmark.stopMeasurement()
        }
    }
}
