import Foundation
import Testing
import WorkflowTestSupport

/// Every command reports a file it cannot use as `FILE:LINE:COLUMN: message` (or `FILE: message`), never as a
/// Swift value or Foundation's generic message.
@Suite("File problems on the command line")
struct FileProblemCommandTests {
    /// A folder with a malformed JSON workflow, a malformed YAML one and a valid one.
    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-files-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "{\n  \"triggers\": [{\"workflowTrigger\": {}, \"startStepNames\": [\"A\"]},],\n}\n".write(
            to: directory.appendingPathComponent("malformed.json"), atomically: true, encoding: .utf8)
        try "steps:\n  - name: A\n    actionId: x\n  wrong: [\n".write(
            to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: TestSupport.samplesDirectory.appendingPathComponent("linear-chain.json"),
            to: directory.appendingPathComponent("good.json"))
        return directory
    }

    @Test("run: a missing file, malformed JSON, malformed YAML, a missing --inputs file")
    func run() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try await StepwiseProcess.run(["run", "--in-memory", "nonexistent.json"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr == "nonexistent.json: no such file\n")
        let malformed = try await StepwiseProcess.run(["run", "--in-memory", "malformed.json"], in: directory)
        #expect(malformed.status == 2)
        #expect(
            malformed.stderr
                == "malformed.json:2:65: malformed JSON: a comma before ']' (trailing commas are not JSON)\n")
        let yaml = try await StepwiseProcess.run(["run", "--in-memory", "bad.yaml"], in: directory)
        #expect(yaml.status == 2)
        #expect(yaml.stderr.hasPrefix("bad.yaml:"))
        #expect(yaml.stderr.contains("malformed YAML: "))
        #expect(!yaml.stderr.contains("\\n"))
        #expect(yaml.stderr.split(separator: "\n").count == 1)
        let inputs = try await StepwiseProcess.run(
            ["run", "--in-memory", "good.json", "--inputs", "missing.json"], in: directory)
        #expect(inputs.status == 2)
        #expect(inputs.stderr == "missing.json: no such file\n")
        for result in [missing, malformed, yaml, inputs] {
            #expect(!result.stderr.contains("could not be completed"))
            #expect(!result.stderr.contains("unreadable("))
            #expect(!result.stderr.contains("malformed(\""))
        }
    }

    @Test("validate, graph, schedule, bench and workflows create say the same thing")
    func otherCommands() async throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = "malformed.json:2:65: malformed JSON: a comma before ']' (trailing commas are not JSON)"
        let validate = try await StepwiseProcess.run(["validate", "malformed.json"], in: directory)
        #expect(validate.status == 1)
        #expect(validate.stdout == expected + "\n")
        for arguments in [
            ["graph", "malformed.json"], ["schedule", "malformed.json"], ["bench", "malformed.json"],
            ["workflows", "create", "malformed.json", "--db", "x.db"],
        ] {
            let result = try await StepwiseProcess.run(arguments, in: directory)
            #expect(result.status == (arguments[0] == "schedule" ? 1 : 2), "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
        }
        for arguments in [["validate", "nonexistent.json"], ["graph", "nonexistent.json"]] {
            let result = try await StepwiseProcess.run(arguments, in: directory)
            #expect(result.status == 2)
            #expect(result.stderr == "nonexistent.json: no such file\n", "\(arguments)")
        }
    }
}
