import Foundation

/// The figures of one `stepwise bench` run; ``json`` has exactly the keys the issue names, in that order.
public struct BenchmarkReport: Sendable {
    public var workload: String
    public var size: Int
    public var instances: Int
    /// `memory`, `sqlite`, or `none` (scheduler only).
    public var store: String
    public var steps: Int
    public var seconds: Double
    public var p50StepLatencyMicros: Double
    public var p99StepLatencyMicros: Double
    public var peakMemoryBytes: Int

    /// Creates a report; percentiles come from `latencies` (nanoseconds, any order).
    public init(
        workload: String, size: Int, instances: Int, store: String, steps: Int, seconds: Double,
        latencies: [UInt64], peakMemoryBytes: Int
    ) {
        self.workload = workload
        self.size = size
        self.instances = instances
        self.store = store
        self.steps = steps
        self.seconds = seconds
        let sorted = latencies.sorted()
        self.p50StepLatencyMicros = Self.percentile(sorted, 0.50)
        self.p99StepLatencyMicros = Self.percentile(sorted, 0.99)
        self.peakMemoryBytes = peakMemoryBytes
    }

    /// Steps per second.
    public var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }
    /// Instances per second.
    public var instancesPerSecond: Double { seconds > 0 ? Double(instances) / seconds : 0 }

    static func percentile(_ sorted: [UInt64], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(Int((Double(sorted.count - 1) * fraction).rounded()), sorted.count - 1)
        return Double(sorted[index]) / 1000
    }

    /// One JSON object, keys in a fixed order.
    public var json: String {
        func number(_ value: Double) -> String { String(format: "%.3f", value) }
        let fields: [(String, String)] = [
            ("workload", "\"\(workload)\""), ("size", "\(size)"), ("instances", "\(instances)"),
            ("store", "\"\(store)\""), ("steps", "\(steps)"), ("seconds", String(format: "%.6f", seconds)),
            ("stepsPerSecond", number(stepsPerSecond)), ("instancesPerSecond", number(instancesPerSecond)),
            ("p50StepLatencyMicros", number(p50StepLatencyMicros)),
            ("p99StepLatencyMicros", number(p99StepLatencyMicros)), ("peakMemoryBytes", "\(peakMemoryBytes)"),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A few lines for people.
    public var text: String {
        func grouped(_ value: Double) -> String {
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            formatter.maximumFractionDigits = 0
            return formatter.string(from: NSNumber(value: value)) ?? String(Int(value))
        }
        return """
            workload \(workload), size \(size), \(instances) instance(s), store \(store)
            \(steps) steps in \(String(format: "%.4f", seconds)) s
            steps/s      \(grouped(stepsPerSecond))
            instances/s  \(grouped(instancesPerSecond))
            step latency p50 \(String(format: "%.2f", p50StepLatencyMicros)) µs, \
            p99 \(String(format: "%.2f", p99StepLatencyMicros)) µs
            peak memory  \(grouped(Double(peakMemoryBytes) / 1_048_576)) MiB
            """
    }
}

/// Process memory figures (Linux: `/proc/self/status`; elsewhere `getrusage`).
public enum ProcessMemory {
    /// The peak resident set size so far, in bytes.
    public static var peakBytes: Int { statusField("VmHWM:") ?? rusagePeak }

    /// The current resident set size, in bytes.
    public static var currentBytes: Int { statusField("VmRSS:") ?? rusagePeak }

    private static var rusagePeak: Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }

    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
