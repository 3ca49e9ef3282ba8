import Foundation
import Logging
import PostgresStore
import Subprocess
import SystemPackage
import WorkflowActions
import WorkflowBenchmarkSupport
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// `stepwise bench --store postgres --workers N`: the instances are created up front in a temporary schema
/// (unowned, as a `serve --no-execute` creates them), then N `stepwise worker` processes of this binary share the
/// database and run them. The figure is steps/s from the first claim any worker reports to the last finish.
struct BenchWorkers {
    /// The workflow every instance runs (a generated workload of noop steps).
    let spec: WorkflowSpec
    let name: String
    let size: Int
    let instances: Int
    let workers: Int
    /// The most instances one worker holds (its `--concurrency`).
    let concurrency: Int
    /// The database (`postgres://…`); the run gets a schema of its own, dropped afterwards.
    let database: String

    /// A failure of the run, said as it is.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func measure() async throws -> BenchmarkReport {
        var url = try PostgresURL(database)
        url.schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let store = try await PostgresStore.open(url)
        do {
            let report = try await measure(on: store, url: url)
            try? await store.dropSchemaAndClose()
            return report
        } catch {
            try? await store.dropSchemaAndClose()
            throw error
        }
    }

    private func measure(on store: PostgresStore, url: PostgresURL) async throws -> BenchmarkReport {
        let ids = try await createInstances(in: store)
        let tracker = WorkerLineTracker(expected: Set(ids), streams: workers)
        // The workers run until the last instance finished; cancelling their tasks then ends them (SIGTERM, then
        // SIGKILL after 10 s).
        let window = try await withThrowingTaskGroup(of: Duration?.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    do {
                        try await runWorker(url: url, tracker: tracker)
                    } catch  where Task.isCancelled {
                        // Ended because the run is over.
                    }
                    return nil
                }
            }
            group.addTask { try await tracker.finished() }
            var window: Duration?
            while let next = try await group.next() {
                if let next {
                    window = next
                    group.cancelAll()
                }
            }
            return window
        }
        guard let window else { throw Failure(description: "the workers ended before the instances finished") }
        let steps = await BenchTarget.stepsRun(by: ids, in: store)
        let succeeded = await RuntimeDriver(plan: try ExecutionPlan(spec: spec), store: store).succeeded(ids)
        if succeeded < instances {
            FileHandle.standardError.writeToConsole(
                Data("stepwise bench: only \(succeeded) of \(instances) instances succeeded\n".utf8))
        }
        return BenchmarkReport(
            workload: name, size: size, instances: instances, store: "postgres, \(workers) worker(s)", steps: steps,
            seconds: BenchTarget.seconds(window), latencies: [], peakMemoryBytes: ProcessMemory.peakBytes)
    }

    /// Stores the workflow and creates the instances, unowned (nothing runs them in this process).
    private func createInstances(in store: PostgresStore) async throws -> [String] {
        let now = Date()
        let workflow = try await store.create(
            Workflow(id: UUID().uuidString.lowercased(), name: name, spec: spec, createdAt: now, updatedAt: now))
        var logger = Logger(label: "stepwise.bench")
        logger.logLevel = .error
        let executor = WorkflowExecutor(registry: .core(), store: store, logger: logger, executes: false)
        let ids = (0..<instances).map { "bench-\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                group.addTask {
                    _ = try await executor.launcher.launch(
                        Launch(
                            .stored(workflow), trigger: .preferred, payload: [:], sourceKind: "manual", instanceId: id))
                }
            }
            try await group.waitForAll()
        }
        await executor.shutdown()
        return ids
    }

    /// Runs `stepwise worker` on the run's schema until it exits or the task is cancelled; its stderr lines go to
    /// `tracker`.
    private func runWorker(url: PostgresURL, tracker: WorkerLineTracker) async throws {
        guard let binary = Bundle.main.executableURL else { throw Failure(description: "cannot find this binary") }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(10))]
        let arguments = [
            "worker", "--db", Self.url(database, schema: url.schema ?? ""), "--concurrency", "\(concurrency)",
            "--poll-interval", "0.05", "--log-level", "error",
        ]
        _ = try await Subprocess.run(
            .path(FilePath(binary.path)), arguments: Arguments(arguments), platformOptions: options, input: .none,
            output: .discarded, error: .sequence
        ) { execution in
            var line: [UInt8] = []
            do {
                for try await buffer in execution.standardError {
                    buffer.withUnsafeBytes { bytes in
                        for byte in bytes {
                            if byte == UInt8(ascii: "\n") {
                                tracker.read(String(decoding: line, as: UTF8.self))
                                line.removeAll(keepingCapacity: true)
                            } else {
                                line.append(byte)
                            }
                        }
                    }
                }
            } catch {}
            tracker.closed()
        }
    }

    /// `text` (a `postgres://` URL, password included) with its `schema` parameter set to `schema`.
    static func url(_ text: String, schema: String) -> String {
        let parts = text.split(separator: "?", maxSplits: 1)
        let kept = parts.count > 1 ? parts[1].split(separator: "&").filter { !$0.hasPrefix("schema=") } : []
        return "\(parts.first ?? "")?" + (kept.map(String.init) + ["schema=\(schema)"]).joined(separator: "&")
    }
}
