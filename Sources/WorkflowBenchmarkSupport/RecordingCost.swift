import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// What recording costs in SQLite (group commit): steps/s of `instances` concurrent instances, and the bytes
/// written per step — what the process handed to `write` (`/proc/self/io` `wchar`: journal and summary rows,
/// the WAL's frames and headers, checkpoints), what reached the disk (`write_bytes`), the size of the files
/// left, and the text of the rows themselves (journal events and summary snapshots, as the store encodes them).
public struct RecordingCost: Sendable {
    public var instances: Int
    public var steps: Int
    public var seconds: Double
    /// Bytes handed to `write` during the run (`wchar`), per step.
    public var writtenBytesPerStep: Double
    /// Bytes that reached the block layer during the run (`write_bytes`; 0 where the file system caches them).
    public var diskBytesPerStep: Double
    /// The database and its WAL after the run, per step.
    public var fileBytesPerStep: Double
    /// The journal rows' event text of one instance, per step.
    public var journalTextBytesPerStep: Double
    /// The summary snapshot text written for one instance (at create and at the end), per step.
    public var summaryTextBytesPerStep: Double

    public var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }

    /// Runs `instances` instances of `plan` at once on a new SQLite file in a temporary folder (removed after),
    /// `warmup` untimed runs first, each on its own file.
    /// - Throws: ``StoreError`` when the file cannot be opened; ``LaunchError`` when an instance cannot start.
    public static func measure(
        plan: ExecutionPlan, trigger: TriggerKind = .workflow, inputs: [String: JSONValue] = [:],
        instances: Int, warmup: Int = 1, registry: ActionRegistry = .core()
    ) async throws -> RecordingCost {
        for _ in 0..<warmup {
            _ = try await once(plan, trigger, inputs, instances, registry)
        }
        return try await once(plan, trigger, inputs, instances, registry)
    }

    private static func once(
        _ plan: ExecutionPlan, _ trigger: TriggerKind, _ inputs: [String: JSONValue], _ instances: Int,
        _ registry: ActionRegistry
    ) async throws -> RecordingCost {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stepwise-recording-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bench.db").path
        let store = try SQLiteStore(path: path)
        let driver = RuntimeDriver(plan: plan, trigger: trigger, store: store, inputs: inputs)
        let before = ProcessIO.current
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await driver.run(instances: max(instances, 1), registry: registry)
        let elapsed = start.duration(to: clock.now)
        let after = ProcessIO.current
        var perInstanceSteps = 0
        var journalText = 0
        var summaryText = 0
        if let first = outcome.instanceIds.first {
            for entry in try await store.journal(instance: first) {
                if case .stepSucceeded = entry.event { perInstanceSteps += 1 }
                journalText += try StoreCoding.encodeEvent(entry.event, "event").utf8.count
            }
            if let summary = try await store.instance(id: first) {
                // Written twice: when the instance is created and when it ends (short runs: no snapshot between).
                summaryText = 2 * (try StoreCoding.encodeSummary(summary).utf8.count)
            }
        }
        let steps = perInstanceSteps * outcome.instanceIds.count
        let files = ["", "-wal"].reduce(0) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path + suffix)
            return total + ((attributes?[.size] as? Int) ?? 0)
        }
        let divisor = Double(max(steps, 1))
        let (seconds, attoseconds) = elapsed.components
        return RecordingCost(
            instances: outcome.instanceIds.count, steps: steps, seconds: Double(seconds) + Double(attoseconds) / 1e18,
            writtenBytesPerStep: Double(after.written - before.written) / divisor,
            diskBytesPerStep: Double(after.disk - before.disk) / divisor,
            fileBytesPerStep: Double(files) / divisor,
            journalTextBytesPerStep: Double(journalText) / Double(max(perInstanceSteps, 1)),
            summaryTextBytesPerStep: Double(summaryText) / Double(max(perInstanceSteps, 1)))
    }

    /// One JSON object.
    public var json: String {
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        return "{\"instances\": \(instances), \"steps\": \(steps), \"seconds\": \(String(format: "%.6f", seconds)), "
            + "\"stepsPerSecond\": \(number(stepsPerSecond)), "
            + "\"writtenBytesPerStep\": \(number(writtenBytesPerStep)), "
            + "\"diskBytesPerStep\": \(number(diskBytesPerStep)), \"fileBytesPerStep\": \(number(fileBytesPerStep)), "
            + "\"journalTextBytesPerStep\": \(number(journalTextBytesPerStep)), "
            + "\"summaryTextBytesPerStep\": \(number(summaryTextBytesPerStep))}"
    }
}

/// The process's I/O counters (Linux `/proc/self/io`; zeros elsewhere).
enum ProcessIO {
    struct Counters {
        /// `wchar`: bytes passed to `write` and similar calls.
        var written = 0
        /// `write_bytes`: bytes sent to the storage layer.
        var disk = 0
    }

    static var current: Counters {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return Counters() }
        var counters = Counters()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
            switch parts[0] {
            case "wchar": counters.written = value
            case "write_bytes": counters.disk = value
            default: break
            }
        }
        return counters
    }
}
