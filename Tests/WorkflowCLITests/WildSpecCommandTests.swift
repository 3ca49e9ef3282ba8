import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// The real workflows of `Tests/Fixtures/wild-specs/` (Datadog blueprints and exports) through the binary:
/// each validates and dry-runs to the end; the legacy one is refused with one message.
@Suite("Wild specs")
struct WildSpecCommandTests {
    static let directory = TestSupport.fixturesDirectory.appendingPathComponent("wild-specs")
    static let files = TestSupport.jsonFiles(in: directory).filter { !$0.lastPathComponent.contains("LEGACY") }

    /// `--trigger` (the first trigger), `--input` for every input without a default, and the spec's mocks file.
    static func dryRunArguments(_ file: URL) throws -> [String] {
        let json = try TestSupport.loadJSON(file)
        let spec = json["spec"] ?? json
        var arguments = ["run", "--dry-run", file.path, "--json"]
        if case .object(let trigger)? = spec["triggers"]?.arrayValue?.first,
            let kind = trigger.keys.first(where: { $0.hasSuffix("Trigger") })
        {
            arguments += ["--trigger", String(kind.dropLast("Trigger".count))]
        }
        for parameter in spec["inputSchema"]?["parameters"]?.arrayValue ?? [] where parameter["defaultValue"] == nil {
            let value = parameter["type"] == "NUMBER" ? "1" : (parameter["type"] == "BOOLEAN" ? "true" : "test")
            arguments += ["--input", "\(parameter["name"]?.stringValue ?? "")=\(value)"]
        }
        let mocks = directory.appendingPathComponent("mocks/\(file.deletingPathExtension().lastPathComponent).json")
        if FileManager.default.fileExists(atPath: mocks.path) { arguments += ["--mocks", mocks.path] }
        return arguments
    }

    @Test("there are wild specs") func fixturesExist() { #expect(Self.files.count == 15) }

    @Test("every wild spec validates and dry-runs to the end", arguments: files)
    func validatesAndDryRuns(file: URL) async throws {
        let validate = try await StepwiseProcess.run(["validate", file.path])
        #expect(validate.status == 0, "\(validate.stdout)")
        let run = try await StepwiseProcess.run(try Self.dryRunArguments(file))
        #expect(run.status == 0, "\(run.stderr)")
        let body = try JSONValue.parse(run.stdout)
        #expect(body["data"]?["attributes"]?["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        let steps = body["dryRun"]?["steps"]?.arrayValue ?? []
        #expect(steps.allSatisfy { $0["state"] == "SUCCEEDED" }, "\(steps)")
    }

    @Test("the delete-EBS-volume blueprint takes the branch its createSnapshot input says", arguments: [true, false])
    func ifBranch(createSnapshot: Bool) async throws {
        let file = Self.directory.appendingPathComponent("hackathon3-bp-headless-delete-ebs-volume.json")
        let run = try await StepwiseProcess.run(
            try Self.dryRunArguments(file) + ["--input", "createSnapshot=\(createSnapshot)"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONValue.parse(run.stdout)["dryRun"]
        let steps = report?["steps"]?.arrayValue ?? []
        #expect(steps.first { $0["name"] == "If_condition" }?["branch"] == .string(createSnapshot ? "true" : "false"))
        #expect(steps.contains { $0["name"] == "Create_snapshot" } == createSnapshot)
        #expect(steps.contains { $0["name"] == "Delete_volume" })
    }

    @Test("a whileLoop reads the editor's condition form: lt on Current.Index runs three iterations")
    func whileLoopEditorCondition() async throws {
        let text = """
            {"triggers": [{"workflowTrigger": {}, "startStepNames": ["Loop"]}],
             "steps": [
              {"name": "Loop", "actionId": "com.datadoghq.core.whileLoop",
               "parameters": [{"name": "conditions", "value": [{"comparisonOperator": "lt", "leftValue": "{{ Current.Index }}", "rightValue": 3}]},
                              {"name": "joinOperator", "value": "and"}],
               "outboundEdges": [{"nextStepName": "Body", "branchName": "loopStart"}]},
              {"name": "Body", "actionId": "com.datadoghq.core.echo", "parameters": [{"name": "value", "value": "{{ Current.Index }}"}]}],
             "outputSchema": {"parameters": [{"name": "iterations", "type": "ARRAY_OBJECT", "value": "{{ Steps.Loop.data }}"}]}}
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("while-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        let run = try await StepwiseProcess.run(["run", "--dry-run", file.path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = try JSONValue.parse(run.stdout)["data"]?["attributes"]?["outputs"]
        #expect(outputs == ["iterations": [["Body": ["value": 0]], ["Body": ["value": 1]], ["Body": ["value": 2]]]])
    }

    @Test("a blueprint catalog entry is accepted by validate, graph, bench and workflows create")
    func exportedFile() async throws {
        let spec = try TestSupport.loadJSON(TestSupport.samplesDirectory.appendingPathComponent("linear-chain.json"))
        let entry: JSONValue = [
            "id": "bp-1", "name": "Linear chain blueprint", "description": "Three steps", "categories": ["demo"],
            "highlightedBundles": ["core"], "createdAt": "2025-01-01T00:00:00Z", "spec": spec,
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("blueprint-\(UUID().uuidString).json")
        try entry.jsonData(pretty: true).write(to: file)
        let validate = try await StepwiseProcess.run(["validate", file.path])
        #expect(validate.stdout == "\(file.path): valid\n")
        let graph = try await StepwiseProcess.run(["graph", file.path])
        #expect(graph.status == 0)
        #expect(graph.stdout.contains("flowchart"))
        let bench = try await StepwiseProcess.run([
            "bench", file.path, "--instances", "1", "--warmup", "0", "--json",
        ])
        #expect(bench.status == 0, "\(bench.stderr)")
        let database = RunCommandTests.database()
        let create = try await StepwiseProcess.run(["workflows", "create", "--db", database, file.path])
        #expect(create.status == 0, "\(create.stderr)")
        let list = try await StepwiseProcess.run(["workflows", "list", "--db", database])
        #expect(list.stdout.contains("Linear chain blueprint"))
    }

    @Test("the legacy export is refused with one message naming the format and its replacement")
    func legacy() async throws {
        let file = Self.directory.appendingPathComponent("docs-build-slack-hello.LEGACY-outboundConnections.json")
        let result = try await StepwiseProcess.run(["validate", file.path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("/startStepName: legacy workflow format") == true)
        #expect(lines.first?.contains("outboundEdges") == true)
        let run = try await StepwiseProcess.run(["run", "--dry-run", file.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("legacy workflow format"))
    }
}
