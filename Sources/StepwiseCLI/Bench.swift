import ArgumentParser
import Foundation
import PostgresStore
import WorkflowActions
import WorkflowBenchmarkSupport
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension Stepwise {
    /// `stepwise bench`: how many steps and instances per second this machine takes, for a generated workload or
    /// for a workflow file with its external actions mocked.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure steps/s, instances/s, step latency and peak memory.",
            discussion: """
                Without FILE, runs a generated workload of noop steps (chain, fanout = 1 -> N -> 1 with an ALL \
                merge, diamond, many = N independent steps, random = a seeded random DAG). With FILE, runs that \
                workflow with every non-core action mocked: outputs from --mocks FILE (the mock file of \
                `run --dry-run --mocks`, by step name then by action id), else {} at once. \
                --scheduler-only drives the pure scheduler with no action dispatched.
                """
        )

        @Argument(help: "A workflow file to benchmark instead of a generated workload.")
        var file: String?

        @Option(help: "With FILE: the trigger that fires (default as for `stepwise run`).")
        var trigger: String?

        @Option(
            name: .customLong("mocks"),
            help: "With FILE: a JSON or YAML file of mocks by step name and action id (as for --dry-run).")
        var mocksFile: String?

        @Option(help: "The generated shape: chain, fanout, diamond, many, random.")
        var workload: Workload = .chain

        @Option(help: "Steps of the workload (branches for fanout).")
        var size: Int = 1000

        @Option(help: "Instances to run (at once through the runtime, one after the other scheduler-only).")
        var instances: Int = 1

        @Option(
            help: """
                Where instances are recorded: memory, sqlite (a temporary file, removed afterwards) or postgres \
                (a temporary schema in the database --db names, dropped afterwards).
                """)
        var store: BenchStore = .memory

        @Option(name: .customLong("db"), help: "With --store postgres: the database, as postgres://USER@HOST:PORT/DB.")
        var database: String?

        @Flag(
            inversion: .prefixedNo,
            help: "With --store postgres: group-commit instance writes, or give each its own transaction (the default)."
        )
        var groupCommit = false

        @OptionGroup var workerOptions: BenchWorkerOptions

        @Flag(help: "Drive the pure scheduler: no action dispatched, no store.")
        var schedulerOnly = false

        @Option(help: "Runs before the measured one, to warm caches.")
        var warmup: Int = 1

        @Option(
            help: ArgumentHelp(
                "Measured runs after the warm-ups; the fastest is reported.",
                discussion: "compare.sh's baselines report their best of 3: --warmup 0 --repeat 3 measures alike."))
        var `repeat`: Int = 1

        @Flag(help: "Record the runtime's metrics (into a registry nothing scrapes), to measure what they cost.")
        var metrics = false

        @OptionGroup var observability: ObservabilityOptions

        @Flag(help: "Print one JSON object.")
        var json = false

        @Flag(help: "Instead, measure memory per live and per finished instance (memory store, JSON).")
        var instanceMemory = false

        @OptionGroup var cost: BenchCostOptions

        func validate() throws {
            guard size > 0 else { throw ValidationError("--size must be at least 1") }
            guard instances > 0 else { throw ValidationError("--instances must be at least 1") }
            guard warmup >= 0 else { throw ValidationError("--warmup must not be negative") }
            guard `repeat` > 0 else { throw ValidationError("--repeat must be at least 1") }
            if mocksFile != nil, file == nil { throw ValidationError("--mocks needs a workflow FILE.") }
            if store == .postgres, database.map(PostgresURL.isPostgres) != true {
                throw ValidationError("--store postgres needs --db postgres://USER@HOST:PORT/DATABASE.")
            }
            if database != nil, store != .postgres { throw ValidationError("--db goes with --store postgres.") }
            try workerOptions.validate(store: store, file: file, schedulerOnly: schedulerOnly)
            if mocksFile != nil, schedulerOnly {
                throw ValidationError("--mocks needs actions dispatched: it does not go with --scheduler-only.")
            }
        }

        func run() async throws {
            let target: BenchTarget
            do {
                target = try BenchTarget(
                    file: file, trigger: trigger, mocks: mocksFile, workload: workload, size: size)
            } catch let problem as FileProblem {
                problem.report()
                throw ExitCode(2)
            } catch {
                FileHandle.standardError.writeToConsole(Data("stepwise bench: \(error)\n".utf8))
                throw ExitCode(2)
            }
            if instanceMemory {
                let memory = try await InstanceMemory.measure(
                    plan: target.plan, trigger: target.trigger, inputs: target.inputs, instances: instances,
                    registry: target.registry)
                print(memory.json)
                return
            }
            if let workers = workerOptions.workers, let database {
                let report = try await BenchWorkers(
                    spec: workload.spec(size: size), name: target.name, size: size, instances: instances,
                    workers: workers, concurrency: workerOptions.workerConcurrency ?? instances, database: database
                ).measure()
                print(json ? report.json : report.text)
                return
            }
            if try await cost.run(target, instances: instances, warmup: warmup) { return }
            // Spans go to OTEL_EXPORTER_OTLP_ENDPOINT when it is set (docs/observability.md), as for `run`.
            let telemetry = try Observability.start(observability, metrics: metrics, for: "bench")
            let report = try await telemetry.run {
                schedulerOnly
                    ? target.measureScheduler(instances: instances, warmup: warmup, repeats: `repeat`)
                    : try await target.measureRuntime(
                        instances: instances, store: store,
                        database: database.map { BenchTarget.Database(url: $0, groupCommit: groupCommit) },
                        warmup: warmup, repeats: `repeat`, telemetry: telemetry.telemetry)
            }
            print(json ? report.json : report.text)
        }
    }
}

/// The store `stepwise bench` records instances in.
enum BenchStore: String, ExpressibleByArgument, CaseIterable {
    case memory
    case sqlite
    case postgres
}

extension Workload: ExpressibleByArgument {}
