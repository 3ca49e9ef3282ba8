import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// The real-actions promise: one workflow calling a local HTTP service and a shell script, run for real and then
/// dry-run with mocks touching nothing; plus connections and manifests through `stepwise run`.
@Suite("stepwise run with real actions")
struct RealActionsCommandTests {
    static let workflow = TestSupport.samplesDirectory.appendingPathComponent("dry-run/http-and-shell.json").path
    static let mocks = TestSupport.samplesDirectory.appendingPathComponent("dry-run/http-and-shell.mocks.json").path

    private func markerPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-marker-\(UUID().uuidString)").path
    }

    @Test func theWorkflowRunsForRealAndItsDryRunTouchesNothing() async throws {
        try await TestHTTPServer.with { server in
            let marker = markerPath()
            defer { try? FileManager.default.removeItem(atPath: marker) }
            let real = try await StepwiseProcess.run([
                "run", "--db", RunCommandTests.database(), Self.workflow, "--json",
                "--input", "url=\(server.url("/status/202"))", "--input", "markerFile=\(marker)",
            ])
            #expect(real.status == 0)
            #expect(server.hits == 1)
            #expect(try String(contentsOfFile: marker, encoding: .utf8) == "202")
            let outputs = try JSONValue.parse(real.stdout)["data"]?["attributes"]?["outputs"]
            #expect(outputs == ["status": 202, "recorded": "recorded"])

            let untouched = markerPath()
            let dry = try await StepwiseProcess.run([
                "run", Self.workflow, "--dry-run", "--mocks", Self.mocks, "--json",
                "--input", "url=\(server.url("/status/202"))", "--input", "markerFile=\(untouched)",
            ])
            #expect(dry.status == 0)
            #expect(server.hits == 1)  // no request in the dry run
            #expect(!FileManager.default.fileExists(atPath: untouched))
            let body = try JSONValue.parse(dry.stdout)
            #expect(body["data"]?["attributes"]?["outputs"] == ["status": 204, "recorded": "recorded (mock)"])
            let record = body["dryRun"]?["steps"]?.arrayValue?.first { $0["name"] == "Record" }
            #expect(record?["inputs"]?["env"]?["MARKER"] == .string(untouched))
            #expect(record?["inputs"]?["env"]?["STATUS"] == 204)
            #expect(record?["mockSource"] == "step")
        }
    }

    @Test func connectionsGiveHeadersFromTheEnvironmentAndAMissingVariableFailsTheStep() async throws {
        let spec = try temporaryFile(
            """
            {"connectionEnvs": [{"env": "default", "connections": [{"connectionId": "c-1", "label": "LOCAL"}]}],
             "triggers": [{"workflowTrigger": {}, "startStepNames": ["Call"]}],
             "steps": [{"name": "Call", "actionId": "com.datadoghq.http.request", "connectionLabel": "LOCAL",
                        "parameters": [{"name": "url", "value": "/echo"}]}],
             "outputSchema": {"parameters": [
               {"name": "auth", "type": "STRING", "value": "{{ Steps.Call.body.headers.authorization }}"}]}}
            """, extension: "json")
        try await TestHTTPServer.with { server in
            let connections = try temporaryFile(
                """
                connections:
                  c-1:
                    baseUrl: \(server.url(""))
                    headers:
                      Authorization: Bearer ${STEPWISE_TEST_TOKEN}
                """, extension: "yaml")
            let result = try await StepwiseProcess.run(
                ["run", "--db", RunCommandTests.database(), spec.path, "--connections", connections.path, "--json"],
                environment: ["STEPWISE_TEST_TOKEN": "t0ken"])
            #expect(result.status == 0)
            let outputs = try JSONValue.parse(result.stdout)["data"]?["attributes"]?["outputs"]
            #expect(outputs == ["auth": "[REDACTED]"])  // the server got "Bearer t0ken"; echoed back, it is redacted
            #expect(server.hits == 1)
            let missing = try await StepwiseProcess.run([
                "run", "--db", RunCommandTests.database(), spec.path, "--connections", connections.path,
            ])
            // The connection resolves per step: the instance starts and only the step that needs it fails.
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("STEPWISE_TEST_TOKEN"))
            #expect(missing.stderr.contains(#"step "Call""#))
            #expect(server.hits == 1)
        }
    }

    @Test func aManifestFromActionsDirRunsForReal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("actions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(
            #"""
            {"actionId": "com.example.shout", "inputs": [{"name": "text", "type": "string", "required": true}],
             "outputs": [{"name": "loud", "type": "string", "value": "{{ Result.stdout }}"}],
             "shell": {"script": "printf '%s!' \"$INPUT_TEXT\" | tr a-z A-Z"}}
            """#.utf8
        ).write(to: directory.appendingPathComponent("com.example.shout.json"))
        let spec = try temporaryFile(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Shout"]}],"steps":[{"name":"Shout","#
                + #""actionId":"com.example.shout","parameters":[{"name":"text","value":"hi there"}]}],"#
                + #""outputSchema":{"parameters":[{"name":"loud","type":"STRING","value":"{{ Steps.Shout.loud }}"}]}}"#,
            extension: "json")
        let result = try await StepwiseProcess.run([
            "run", "--db", RunCommandTests.database(), spec.path, "--actions", directory.path, "--json",
        ])
        #expect(result.status == 0)
        #expect(try JSONValue.parse(result.stdout)["data"]?["attributes"]?["outputs"] == ["loud": "HI THERE!"])
        let without = try await StepwiseProcess.run(["run", "--db", RunCommandTests.database(), spec.path])
        #expect(without.status == 2)
    }

    private func temporaryFile(_ text: String, extension name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }
}
