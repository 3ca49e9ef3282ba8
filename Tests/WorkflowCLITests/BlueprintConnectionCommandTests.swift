import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Blueprints name a `connectionLabel` with no `connectionEnvs` entry: `validate` warns, a real run resolves the
/// label from `--connections`, only a step whose connection is missing fails, a dry run needs none.
@Suite("Blueprint connections")
struct BlueprintConnectionCommandTests {
    static let spec = """
        {"triggers": [{"workflowTrigger": {}, "startStepNames": ["Call"]}],
         "steps": [
           {"name": "Call", "actionId": "com.datadoghq.http.request", "connectionLabel": "INTEGRATION_LOCAL",
            "parameters": [{"name": "url", "value": "/echo"}],
            "outboundEdges": [{"nextStepName": "Other", "branchName": "main"}]},
           {"name": "Other", "actionId": "com.datadoghq.http.request", "connectionLabel": "INTEGRATION_ELSEWHERE",
            "parameters": [{"name": "url", "value": "/echo"}]}]}
        """

    static func file(_ text: String, _ suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "blueprint-\(UUID().uuidString).\(suffix)")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func aLabelResolvesFromTheConnectionsFileAndOnlyTheStepMissingOneFails() async throws {
        let spec = try Self.file(Self.spec, "json")
        let validate = try await StepwiseProcess.run(["validate", spec.path])
        #expect(validate.status == 0)
        #expect(
            validate.stdout.contains(#"warning: connection label "INTEGRATION_LOCAL" is not defined in connectionEnvs"#)
        )
        let dry = try await StepwiseProcess.run(["run", "--dry-run", spec.path])
        #expect(dry.status == 0, "\(dry.stderr)")
        try await TestHTTPServer.with { server in
            let connections = try Self.file(
                #"{"connections": {"INTEGRATION_LOCAL": {"baseUrl": "\#(server.url(""))"}}}"#, "json")
            let run = try await StepwiseProcess.run([
                "run", "--db", RunCommandTests.database(), spec.path, "--connections", connections.path, "--json",
            ])
            #expect(run.status == 1)
            #expect(server.hits == 1)
            let body = try JSONValue.parse(run.stdout)
            let states = body["data"]?["attributes"]?["stepStateAssociations"]?.arrayValue ?? []
            #expect(states.first { $0["stepName"] == "Call" }?["stepState"] == "SUCCEEDED")
            #expect(states.first { $0["stepName"] == "Other" }?["stepState"] == "FAILED")
            #expect(run.stderr.contains(#"step "Other": connection "INTEGRATION_ELSEWHERE""#))
        }
    }
}
