import Foundation
import Testing
import WorkflowModel

/// `stepwise bench` runs every workload and store and prints the documented JSON keys (figures are not checked:
/// performance is shown by the benchmarks, never by tests).
@Suite("stepwise bench")
struct BenchCommandTests {
    static let keys = [
        "workload", "size", "instances", "store", "steps", "seconds", "stepsPerSecond", "instancesPerSecond",
        "p50StepLatencyMicros", "p99StepLatencyMicros", "peakMemoryBytes",
    ]

    static let cases: [([String], Int)] = [
        (["--workload", "chain", "--size", "5", "--instances", "3"], 15),
        (["--workload", "fanout", "--size", "4"], 6),
        (["--workload", "diamond", "--size", "7"], 7),
        (["--workload", "many", "--size", "6", "--scheduler-only"], 6),
        (["--workload", "random", "--size", "20", "--scheduler-only", "--instances", "2"], 40),
        (["--workload", "chain", "--size", "3", "--instances", "4", "--store", "sqlite"], 12),
    ]

    @Test("each workload reports its steps with exactly the documented keys", arguments: cases)
    func workload(_ arguments: [String], steps: Int) async throws {
        let result = try await StepwiseProcess.run(["bench", "--warmup", "0", "--json"] + arguments)
        #expect(result.status == 0)
        let keys = result.stdout.split(separator: ",").compactMap { field in
            field.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(keys == Self.keys)
        let body = try JSONValue.parse(result.stdout)
        #expect(body["steps"]?.numberValue == Double(steps))
        #expect(result.stderr.isEmpty)
    }

    @Test("a workflow file runs with its external actions mocked")
    func file() async throws {
        let result = try await StepwiseProcess.run([
            "bench", "Tests/Fixtures/example-specs/feature-create-monitor-github-listMonitors-noop.spec.json",
            "--trigger", "monitor", "--warmup", "0", "--instances", "2", "--json",
        ])
        #expect(result.status == 0)
        let body = try JSONValue.parse(result.stdout)
        #expect(body["instances"] == 2)
        #expect((body["steps"]?.numberValue ?? 0) > 0)
    }
}
