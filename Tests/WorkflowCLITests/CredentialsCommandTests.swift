import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run --credentials DIR`: a private action runner credential file per connection; its secrets reach
/// the service and never the output, the report, the database or the logs.
@Suite("stepwise run --credentials")
struct CredentialsCommandTests {
    @Test func aBasicAuthCredentialFileAuthenticatesAndStaysSecret() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let password = "cli-PASSWORD-never-shown"
        try Data(#"{"auth_type":"Basic Auth","credentials":[{"username":"ops","password":"\#(password)"}]}"#.utf8)
            .write(to: directory.appendingPathComponent("LOCAL.json"))
        let basic = "Basic " + Data("ops:\(password)".utf8).base64EncodedString()
        try await TestHTTPServer.with { server in
            let spec = directory.appendingPathComponent("workflow.json")
            try Data(
                """
                {"connectionEnvs": [{"env": "default", "connections": [{"connectionId": "LOCAL", "label": "LOCAL"}]}],
                 "triggers": [{"workflowTrigger": {}, "startStepNames": ["Call"]}],
                 "steps": [{"name": "Call", "actionId": "com.datadoghq.http.request", "connectionLabel": "LOCAL",
                            "parameters": [{"name": "url", "value": "\(server.url("/echo"))"}],
                            "outboundEdges": [{"nextStepName": "Fail", "branchName": "main"}]},
                           {"name": "Fail", "actionId": "com.datadoghq.http.request", "connectionLabel": "LOCAL",
                            "parameters": [{"name": "url", "value": "\(server.url("/status/401"))"}]}],
                 "outputSchema": {"parameters": [
                   {"name": "auth", "type": "STRING", "value": "{{ Steps.Call.body.headers.authorization }}"}]}}
                """.utf8
            ).write(to: spec)
            let database = directory.appendingPathComponent("stepwise.db").path
            let report = directory.appendingPathComponent("report.html").path
            let result = try await StepwiseProcess.run([
                "run", "--db", database, spec.path, "--credentials", directory.path, "--json", "--report", report,
            ])
            #expect(result.status == 1, "\(result.stderr)")  // the second step fails: 401
            #expect(server.hits == 2)
            #expect(result.stdout.contains("401 Unauthorized"))
            var stored = Data()
            for suffix in ["", "-wal"] {
                stored += (try? Data(contentsOf: URL(fileURLWithPath: database + suffix))) ?? Data()
            }
            let texts = [
                result.stdout, result.stderr, (try? String(contentsOfFile: report, encoding: .utf8)) ?? "",
                String(decoding: stored, as: UTF8.self),
            ]
            #expect(texts[2].contains("<html"))
            #expect(texts[3].contains("[REDACTED]"))  // the echoed Authorization header, journaled redacted
            for text in texts {
                #expect(!text.contains(password))
                #expect(!text.contains(String(basic.dropFirst("Basic ".count))))
            }
        }
    }
}
