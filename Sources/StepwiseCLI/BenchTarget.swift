import ArgumentParser
import Foundation
import PostgresStore
import WorkflowActions
import WorkflowBenchmarkSupport
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// The workflow `stepwise bench` measures, compiled, and the measurements themselves.
struct BenchTarget {
    let name: String
    let size: Int
    let plan: ExecutionPlan
    let trigger: TriggerKind
    let registry: ActionRegistry
    /// The inputs' defaults (a FILE's inputs with no default must not be required).
    let inputs: [String: JSONValue]

    /// - Throws: ``PreparedRun/Refusal`` for an invalid workflow, trigger, inputs or mock file.
    init(file: String?, trigger: String?, mocks: String? = nil, workload: Workload, size: Int) throws {
        if let file {
            let document = try DocumentFile(path: file).load()
            guard document.isValid, let validated = document.report.validated else {
                let lines = document.report.errors.map { "\(file):\($0.pointer): \($0.detail)" }
                throw PreparedRun.Refusal(description: "invalid workflow\n" + lines.joined(separator: "\n"))
            }
            self.name = file
            self.size = validated.graph.stepCount
            self.trigger = try PreparedRun.trigger(named: trigger, in: validated.spec)
            self.plan = try ExecutionPlan(spec: validated.spec, graph: validated.graph, workflowName: file)
            self.registry = .mocking(validated.spec, book: try Self.mockBook(mocks, for: validated.spec))
            do {
                self.inputs = try Launcher.inputs([:], for: validated.spec)
            } catch {
                throw PreparedRun.Refusal(
                    description: "invalid inputs: " + error.inputProblems.map(\.message).joined(separator: "; "))
            }
        } else {
            let spec = workload.spec(size: size)
            self.name = workload.rawValue
            self.size = size
            self.trigger = .workflow
            self.plan = try ExecutionPlan(spec: spec, workflowName: workload.rawValue)
            self.registry = .core()
            self.inputs = [:]
        }
    }

    /// The mocks of `path` (none without a file); a warning on stderr for each step name the workflow lacks.
    private static func mockBook(_ path: String?, for spec: WorkflowSpec) throws -> MockBook {
        guard let path else { return MockBook() }
        let book: MockBook
        do {
            book = try MockBook(json: try StructuredFile.load(path))
        } catch let error as MockError {
            throw PreparedRun.Refusal(description: "mocks file \(path): \(error)")
        }
        let names = Set((spec.steps ?? []).map(\.name))
        for name in book.steps.keys.sorted() where !names.contains(name) {
            FileHandle.standardError.writeToConsole(
                Data("stepwise bench: the mocks name step \"\(name)\", which the workflow does not have\n".utf8))
        }
        return book
    }

    /// Scheduler-only throughput: the fastest of `repeats` runs after `warmup` ones; latencies from a run of their own.
    func measureScheduler(instances: Int, warmup: Int, repeats: Int = 1) -> BenchmarkReport {
        let driver = SchedulerDriver(plan: plan, trigger: trigger, inputs: inputs)
        for _ in 0..<warmup { _ = driver.run(instances: instances) }
        // One latency sample per step, recorded into storage reserved up front.
        let capacity = min(instances * max(plan.graph.stepCount, 1), 2_000_000)
        let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0)
        // Latencies come from a run that times every turn; throughput from one that does not.
        let result = driver.run(instances: instances, latencies: buffer)
        let clock = ContinuousClock()
        var seconds = Double.infinity
        for _ in 0..<max(repeats, 1) {
            let start = clock.now
            _ = driver.run(instances: instances)
            seconds = min(seconds, Self.seconds(start.duration(to: clock.now)))
        }
        return BenchmarkReport(
            workload: name, size: size, instances: instances, store: "none", steps: result.steps,
            seconds: seconds, latencies: Array(buffer.prefix(min(result.steps, capacity))),
            peakMemoryBytes: ProcessMemory.peakBytes)
    }

    /// Runtime throughput: the fastest of `repeats` runs after `warmup` ones (latencies from the last run).
    func measureRuntime(
        instances: Int, store kind: BenchStore, database: BenchTarget.Database? = nil, warmup: Int, repeats: Int = 1,
        telemetry: Telemetry = .off
    ) async throws -> BenchmarkReport {
        for _ in 0..<warmup {
            _ = try await runOnce(
                instances: instances, store: kind, database: database, readLatencies: false, telemetry: telemetry)
        }
        var fastest = Double.infinity
        for _ in 1..<max(repeats, 1) {
            let report = try await runOnce(
                instances: instances, store: kind, database: database, readLatencies: false, telemetry: telemetry)
            fastest = min(fastest, report.seconds)
        }
        var report = try await runOnce(
            instances: instances, store: kind, database: database, readLatencies: true, telemetry: telemetry)
        report.seconds = min(fastest, report.seconds)
        return report
    }

    private func runOnce(
        instances: Int, store kind: BenchStore, database: BenchTarget.Database?, readLatencies: Bool,
        telemetry: Telemetry
    ) async throws -> BenchmarkReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stepwise-bench-\(UUID().uuidString)")
        let store: any InstanceStore
        switch kind {
        case .memory:
            store = MemoryInstanceStore()
        case .sqlite:
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("bench.db").path)
        case .postgres:
            var url = try PostgresURL(database?.url ?? "")
            url.schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            store = try await PostgresStore.open(url, options: .init(groupCommit: database?.groupCommit ?? true))
        }
        defer { try? FileManager.default.removeItem(at: directory) }

        let driver = RuntimeDriver(plan: plan, trigger: trigger, store: store, inputs: inputs, telemetry: telemetry)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await driver.run(instances: instances, registry: registry)
        let seconds = Self.seconds(start.duration(to: clock.now))
        let latencies = readLatencies ? await driver.latencies(of: outcome.instanceIds) : []
        let steps = await Self.stepsRun(by: outcome.instanceIds, in: store)
        if readLatencies {
            let succeeded = await driver.succeeded(outcome.instanceIds)
            if succeeded < instances {
                FileHandle.standardError.writeToConsole(
                    Data("stepwise bench: only \(succeeded) of \(instances) instances succeeded\n".utf8))
            }
        }
        if let postgres = store as? PostgresStore { try? await postgres.dropSchemaAndClose() }
        return BenchmarkReport(
            workload: name, size: size, instances: instances, store: kind.rawValue, steps: steps,
            seconds: seconds, latencies: latencies, peakMemoryBytes: ProcessMemory.peakBytes)
    }

    /// Steps every instance ran: the first instance's `stepSucceeded` count (noop runs are deterministic) times
    /// the instance count.
    static func stepsRun(by ids: [String], in store: any InstanceStore) async -> Int {
        guard let first = ids.first, let journal = try? await store.journal(instance: first) else { return 0 }
        var perInstance = 0
        for entry in journal {
            if case .stepSucceeded = entry.event { perInstance += 1 }
        }
        return perInstance * ids.count
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension BenchTarget {
    /// The database of `stepwise bench --store postgres`, and how it writes.
    struct Database {
        var url: String
        var groupCommit: Bool
    }
}
