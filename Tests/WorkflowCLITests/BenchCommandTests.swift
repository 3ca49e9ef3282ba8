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
        (["--workload", "chain", "--size", "4", "--instances", "2", "--repeat", "3"], 8),
        (["--workload", "fanout", "--size", "3", "--repeat", "2", "--scheduler-only"], 5),
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

    /// Fetch (HTTP, mocked) → Check (`core.if` on the mocked status) → Done on `true`, Page → Escalate on `false`.
    static let branchingWorkflow = """
        {"triggers": [{"workflowTrigger": {}, "startStepNames": ["Fetch"]}],
         "steps": [
          {"name": "Fetch", "actionId": "com.datadoghq.http.request",
           "parameters": [{"name": "url", "value": "https://status.example/api"}],
           "outboundEdges": [{"nextStepName": "Check", "branchName": "main"}]},
          {"name": "Check", "actionId": "com.datadoghq.core.if",
           "parameters": [{"name": "conditions", "value": [{"operand1": "{{ Steps.Fetch.status }}",
             "operator": "OPERATOR_EQUAL", "operand2": 200}]}, {"name": "joinOperator", "value": "and"}],
           "outboundEdges": [{"nextStepName": "Done", "branchName": "true"},
                             {"nextStepName": "Page", "branchName": "false"}]},
          {"name": "Done", "actionId": "com.datadoghq.core.noop"},
          {"name": "Page", "actionId": "com.datadoghq.core.noop",
           "outboundEdges": [{"nextStepName": "Escalate", "branchName": "main"}]},
          {"name": "Escalate", "actionId": "com.datadoghq.core.noop"}]}
        """

    @Test("--mocks drives the workflow's branches as in a dry run: a mocked status picks the path run")
    func mocksDriveBranches() async throws {
        let workflow = try temporaryFile(Self.branchingWorkflow, extension: "json")
        let healthy = try temporaryFile(
            #"{"actions": {"com.datadoghq.http.request": {"outputs": {"status": 200}}}}"#, extension: "json")
        let failing = try temporaryFile("steps:\n  Fetch: {outputs: {status: 503}}\n", extension: "yaml")
        var steps: [Double?] = []
        for mocks in [healthy, failing] {
            let result = try await StepwiseProcess.run([
                "bench", workflow.path, "--mocks", mocks.path, "--warmup", "0", "--instances", "3", "--json",
            ])
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            steps.append(try JSONValue.parse(result.stdout)["steps"]?.numberValue)
        }
        // Fetch, Check, Done = 3 per instance; Fetch, Check, Page, Escalate = 4.
        #expect(steps == [9, 12])
        let unmocked = try await StepwiseProcess.run(["bench", workflow.path, "--warmup", "0", "--json"])
        #expect(try JSONValue.parse(unmocked.stdout)["steps"] == 4)
    }

    @Test("a malformed mock file, or --mocks without a workflow, is refused with what is wrong")
    func badMocks() async throws {
        let workflow = try temporaryFile(Self.branchingWorkflow, extension: "json")
        let mocks = try temporaryFile(#"{"steps": {"Fetch": {"output": {}}}}"#, extension: "json")
        let malformed = try await StepwiseProcess.run(["bench", workflow.path, "--mocks", mocks.path, "--warmup", "0"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("mocks file \(mocks.path): steps.Fetch: unknown field \"output\""))
        let noFile = try await StepwiseProcess.run(["bench", "--mocks", mocks.path])
        #expect(noFile.status != 0)
        #expect(noFile.stderr.contains("--mocks needs a workflow FILE"))
    }

    @Test("--repeat must be at least 1")
    func zeroRepeats() async throws {
        let result = try await StepwiseProcess.run(["bench", "--repeat", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--repeat must be at least 1"))
    }

    private func temporaryFile(_ text: String, extension name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }
}
