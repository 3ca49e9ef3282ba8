import Foundation
import Logging
import PostgresStore
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
        var processes: [Process] = []
        defer { for process in processes where process.isRunning { process.terminate() } }
        for _ in 0..<workers {
            processes.append(try startWorker(url: url, tracker: tracker))
        }
        let window = try await tracker.finished()
        for process in processes where process.isRunning { process.terminate() }
        await Self.waitForExit(processes)
        let steps = await BenchTarget.stepsRun(by: ids, in: store)
        let succeeded = await RuntimeDriver(plan: try ExecutionPlan(spec: spec), store: store).succeeded(ids)
        if succeeded < instances {
            FileHandle.standardError.write(
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

    /// Starts `stepwise worker` on the run's schema; its stderr lines go to `tracker`.
    private func startWorker(url: PostgresURL, tracker: WorkerLineTracker) throws -> Process {
        guard let binary = Bundle.main.executableURL else { throw Failure(description: "cannot find this binary") }
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "worker", "--db", Self.url(database, schema: url.schema ?? ""), "--concurrency", "\(concurrency)",
            "--poll-interval", "0.05",
            "--log-level", "error",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let reading = errors.fileHandleForReading
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    tracker.read(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
            tracker.closed()
        }
        return process
    }

    /// `text` (a `postgres://` URL, password included) with its `schema` parameter set to `schema`.
    static func url(_ text: String, schema: String) -> String {
        let parts = text.split(separator: "?", maxSplits: 1)
        let kept = parts.count > 1 ? parts[1].split(separator: "&").filter { !$0.hasPrefix("schema=") } : []
        return "\(parts.first ?? "")?" + (kept.map(String.init) + ["schema=\(schema)"]).joined(separator: "&")
    }

    private static func waitForExit(_ processes: [Process]) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                for process in processes { process.waitUntilExit() }
                continuation.resume()
            }
        }
    }
}
