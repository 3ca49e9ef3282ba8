import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("stepwise validate")
struct ValidateCommandTests {
    @Test("the binary exists")
    func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: StepwiseProcess.binary.path))
    }

    @Test("valid samples exit 0")
    func validSamples() async throws {
        let files = TestSupport.jsonFiles(in: TestSupport.samplesDirectory).map(\.path)
        let result = try await StepwiseProcess.run(["validate"] + files)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == files.count)
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(": valid") })
    }

    @Test("an invalid file exits 1 with file:pointer: message")
    func invalidHuman() async throws {
        let result = try await StepwiseProcess.run(["validate", "samples/invalid/unknown-next-step.json"])
        #expect(result.status == 1)
        #expect(
            result.stdout
                == "samples/invalid/unknown-next-step.json:/steps/0/outboundEdges/0/nextStepName: nextStepName \"Missing\" names no step\n"
        )
    }

    @Test("warnings are marked and do not fail")
    func warnings() async throws {
        let result = try await StepwiseProcess.run(["validate", "samples/invalid/duplicate-names.json"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "samples/invalid/duplicate-names.json:/steps/2: warning: step \"B\" is not reachable"))
    }

    @Test("--json prints {valid, files: [...]} for one file")
    func jsonOne() async throws {
        let result = try await StepwiseProcess.run(["validate", "--json", "samples/invalid/cycle.json"])
        #expect(result.status == 1)
        let output = try JSONValue.parse(result.stdout)
        #expect(output["valid"] == false)
        #expect(output["files"]?.arrayValue?.count == 1)
        let json = try #require(output["files"]?.arrayValue?.first)
        #expect(json["file"] == "samples/invalid/cycle.json")
        #expect(json["valid"] == false)
        #expect(
            json["errors"] == [
                [
                    "pointer": "/steps/2/outboundEdges/0/nextStepName",
                    "detail": "cycle in the step graph: A -> B -> C -> A",
                ]
            ])
        #expect(json["warnings"] == [])
    }

    @Test("--json prints the same shape for several files")
    func jsonMany() async throws {
        let result = try await StepwiseProcess.run([
            "validate", "--json", "samples/linear-chain.json", "samples/switch-cases.json",
        ])
        #expect(result.status == 0)
        let json = try JSONValue.parse(result.stdout)
        #expect(json["valid"] == true)
        #expect(
            json["files"]?.arrayValue?.map { $0["file"] } == ["samples/linear-chain.json", "samples/switch-cases.json"])
        #expect(json["files"]?.arrayValue?.allSatisfy { $0["valid"] == true && $0["errors"] == [] } == true)
    }

    @Test("--json lists an unreadable and a malformed file like the others, and still exits 2")
    func jsonUnreadable() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).json")
        try "{\"steps\": [],}".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await StepwiseProcess.run(["validate", "--json", "missing.json", file.path])
        #expect(result.status == 2)
        let json = try JSONValue.parse(result.stdout)
        #expect(json["valid"] == false)
        let files = try #require(json["files"]?.arrayValue)
        #expect(files.count == 2)
        #expect(files[0]["file"] == "missing.json")
        #expect(files[0]["valid"] == false)
        #expect(files[0]["errors"] == [["pointer": "", "detail": "no such file"]])
        #expect(files[1]["errors"]?.arrayValue?.first?["line"] == 1)
        #expect(files[1]["errors"]?.arrayValue?.first?["column"] == 14)
        #expect(files[1]["errors"]?.arrayValue?.first?["detail"]?.stringValue?.hasPrefix("malformed JSON: ") == true)
    }

    @Test("YAML files are read as YAML")
    func yaml() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stepwise-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.yaml")
        try """
        data:
          type: workflows
          attributes:
            name: From YAML
            published: true
            spec:
              triggers:
                - apiTrigger: {rateLimit: {count: 2, interval: 60s}}
                  startStepNames: [A]
              inputSchema:
                parameters:
                  - {name: flag, type: STRING, defaultValue: "true"}
              steps:
                - name: A
                  actionId: com.datadoghq.core.noop
        """.write(to: good, atomically: true, encoding: .utf8)
        let bad = directory.appendingPathComponent("bad.yml")
        try "steps:\n  - name: A\n    actionId: x\n  wrong: [\n".write(to: bad, atomically: true, encoding: .utf8)
        let typed = directory.appendingPathComponent("typed.yml")
        try "triggers:\n  - workflowTrigger: {}\n    startStepNames: [A]\nsteps:\n  - name: A\n    actionId: true\n"
            .write(to: typed, atomically: true, encoding: .utf8)

        #expect(try await StepwiseProcess.run(["validate", good.path]).status == 0)
        let badResult = try await StepwiseProcess.run(["validate", bad.path])
        #expect(badResult.status == 1)
        #expect(badResult.stdout.hasPrefix("\(bad.path):4:3: malformed YAML: did not find expected '-' indicator"))
        #expect(badResult.stdout.split(separator: "\n").count == 1)
        let typedResult = try await StepwiseProcess.run(["validate", typed.path])
        #expect(typedResult.status == 1)
        #expect(typedResult.stdout.contains("/steps/0/actionId: expected a string, got boolean"))
    }

    @Test("malformed JSON exits 1 with line and column")
    func malformed() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).json")
        try "{\n  \"steps\": [,]\n}".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await StepwiseProcess.run(["validate", file.path])
        #expect(result.status == 1)
        #expect(result.stdout == "\(file.path):2:13: malformed JSON: expected a value, found ','\n")
    }

    @Test(
        "usage errors and unreadable files exit 2",
        arguments: [
            ["validate"], ["validate", "--nope", "x"], ["validate", "no/such/file.json"], ["validate", "samples"],
        ])
    func usage(arguments: [String]) async throws {
        let result = try await StepwiseProcess.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    @Test("an unreadable file wins over an invalid one")
    func unreadableWins() async throws {
        let result = try await StepwiseProcess.run(["validate", "samples/invalid/cycle.json", "missing.json"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("cycle in the step graph"))
    }
}
