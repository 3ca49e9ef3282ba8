import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("stepwise run")
struct RunCommandTests {
    static let samples = TestSupport.jsonFiles(in: TestSupport.samplesDirectory)

    @Test("each sample prints the GET-instance body and exits as its outcome says", arguments: samples)
    func sample(_ url: URL) async throws {
        let expected = try TestSupport.expectedOutcome(of: url)
        var arguments = ["run", "--db", Self.database(), url.path, "--json", "--virtual-time"]
        for (name, value) in (expected["inputs"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            arguments += ["--input", "\(name)=\(value.stringValue ?? value.compactJSON)"]
        }
        let result = try await StepwiseProcess.run(arguments)
        #expect(result.status == Int32(expected["exitCode"]?.numberValue ?? -1))
        let body = try JSONValue.parse(result.stdout)
        let attributes = try #require(body["data"]?["attributes"])
        #expect(body["data"]?["type"] == "instances")
        #expect(attributes["instanceStatus"]?["detailsKind"] == expected["instanceStatus"])
        #expect(attributes["stepStateAssociations"] == expected["stepStateAssociations"])
        #expect(attributes["outputs"] == expected["outputs"])
        #expect(attributes["errorDetail"] == expected["errorDetail"])
        #expect(attributes["startTimestamp"]?.stringValue?.hasSuffix("Z") == true)
        #expect(result.stderr.contains("instance \(expected["instanceStatus"]?.stringValue ?? "?")"))
    }

    @Test("an invalid spec is refused with exit 2, naming the pointer")
    func invalidSpec() async throws {
        let result = try await StepwiseProcess.run(["run", "--db", Self.database(), "samples/invalid/cycle.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("samples/invalid/cycle.json:/steps/"))
        #expect(result.stdout.isEmpty)
    }

    @Test("inputs are refused for every reason with exit 2")
    func badInputs() async throws {
        let unknown = try await StepwiseProcess.run([
            "run", "samples/inputs-outputs.json", "--input", "loud=true", "--input", "x=1",
        ])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains(#"input parameter "x" not in workflow input schema"#))
        let missing = try await StepwiseProcess.run(["run", "--db", Self.database(), "samples/inputs-outputs.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains(#"missing required input parameter "loud""#))
        let badType = try await StepwiseProcess.run([
            "run", "--db", Self.database(), "samples/inputs-outputs.json", "--input", "loud=maybe",
        ])
        #expect(badType.status == 2)
        #expect(badType.stderr.contains("--input loud"))
    }

    @Test("an unknown action is refused before the run, naming the step")
    func unknownAction() async throws {
        let file = try temporarySpec(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Post"]}],"#
                + #""steps":[{"name":"Post","actionId":"com.datadoghq.slack.postMessage"}]}"#)
        let result = try await StepwiseProcess.run(["run", "--db", Self.database(), file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"step "Post" uses action "com.datadoghq.slack.postMessage""#))
    }

    @Test("a missing file is a usage error")
    func missingFile() async throws {
        let result = try await StepwiseProcess.run(["run", "--db", Self.database(), "no/such/file.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file"))
    }

    @Test("the trigger can be chosen; an absent one is refused")
    func triggerChoice() async throws {
        let result = try await StepwiseProcess.run([
            "run", "--db", Self.database(), "samples/failure-cancels-parallel.json", "--trigger", "monitor",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("the workflow has no monitor trigger (it has: api)"))
        let api = try await StepwiseProcess.run([
            "run", "samples/failure-cancels-parallel.json", "--trigger", "api", "--virtual-time",
        ])
        #expect(api.status == 1)
    }

    @Test("Ctrl-C cancels the running instance cleanly and prints its final state")
    func interrupt() async throws {
        let file = try temporarySpec(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Sleep"]}],"#
                + #""steps":[{"name":"Sleep","actionId":"com.datadoghq.core.sleep","#
                + #""parameters":[{"name":"durationSeconds","value":3600}]}]}"#)
        let result = try await StepwiseProcess.run(["run", "--db", Self.database(), file.path, "--json"]) {
            process, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ Sleep")
            process.interrupt()
            return seen
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("Sleep canceled"))
        let body = try JSONValue.parse(result.stdout)
        #expect(body["data"]?["attributes"]?["instanceStatus"]?["detailsKind"] == "CANCELED")
    }

    /// A fresh database file for one run, so parallel tests never share one.
    static func database() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).db").path
    }

    private func temporarySpec(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }
}
