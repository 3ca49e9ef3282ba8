import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// Credentials reach the service and nothing else: not step errors or outputs, the journal (a real SQLite file),
/// the instance summary (what reports and the API show), or the logs.
@Suite("Credentials stay secret")
struct CredentialSecrecyTests {
    private static let token = "ghp_SECRET_visible_only_to_the_service"
    private static let password = "jira-PASSWORD-42"

    /// A service that echoes the credentials it received back, in its body and in a header.
    private static func leaky(_ request: StandInServer.Request) -> StandInServer.Response {
        let seen = request.headers["authorization"] ?? ""
        let status = request.path.hasSuffix("/comments") ? 401 : 201
        return StandInServer.Response(
            status: status, body: Array(#"{"number":1,"html_url":"x","state":"open","echo":"\#(seen)"}"#.utf8),
            headers: [("X-Echo", seen)])
    }

    @Test func credentialsNeverReachErrorsOutputsJournalSummaryOrLogs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-secrets-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let credentialFile = directory.appendingPathComponent("jira.json")
        try Data(
            #"{"auth_type":"Basic Auth","credentials":[{"username":"me","password":"\#(Self.password)"}]}"#.utf8
        ).write(to: credentialFile)
        let lines = CapturedLog.Lines()
        try await StandInServer.with(Self.leaky) { server in
            let store = try SQLiteStore(path: directory.appendingPathComponent("stepwise.db").path)
            let steps = [
                WorkflowRun.step(
                    "Open", "com.datadoghq.github.createIssue", ["repository": "a/b", "title": "t"], next: "Raw",
                    connection: "GH"),
                WorkflowRun.step(
                    "Raw", ActionRegistry.SystemActionID.httpRequest, ["url": "/raw"], next: "Comment",
                    connection: "BASIC"),
                WorkflowRun.step(
                    "Comment", "com.datadoghq.github.createComment",
                    ["repository": "a/b", "prNumber": 1, "body": "{{ Steps.Open.url }}"], connection: "GH"),
            ]
            let summary = try await WorkflowRun.run(
                steps,
                connections: [
                    "connections": [
                        "GH": ["type": "github", "token": "${GH_TOKEN}", "apiBaseUrl": .string(server.baseURL)],
                        "BASIC": ["baseUrl": .string(server.baseURL), "credentials": .string(credentialFile.path)],
                    ]
                ],
                environment: ["GH_TOKEN": Self.token], store: store, logger: CapturedLog.logger(into: lines))
            // The service did get them.
            #expect(server.requests.first?.headers["authorization"] == "Bearer " + Self.token)
            let basic = "Basic " + Data("me:\(Self.password)".utf8).base64EncodedString()
            #expect(server.requests.dropFirst().first?.headers["authorization"] == basic)
            // The step that failed says so, without the token the service echoed.
            let comment = try #require(summary.step("Comment")?.error?.message)
            #expect(comment.hasPrefix("401 Unauthorized:"))
            #expect(comment.contains(ResolvedConnection.redacted))
            let raw = try #require(summary.step("Raw")?.outputs)
            #expect(raw["headers"]?["x-echo"] == .string(ResolvedConnection.redacted))
            let secrets = [Self.token, Self.password, basic, String(basic.dropFirst("Basic ".count))]
            let summaryText = try String(decoding: JSONEncoder().encode(summary), as: UTF8.self)
            var journal = Data()
            for suffix in ["", "-wal"] {
                journal += (try? Data(contentsOf: directory.appendingPathComponent("stepwise.db" + suffix))) ?? Data()
            }
            let journalText = String(decoding: journal, as: UTF8.self)
            #expect(journalText.contains("Unauthorized"))  // the journal was written and read here
            for secret in secrets {
                #expect(!summaryText.contains(secret), "summary")
                #expect(!journalText.contains(secret), "journal")
                #expect(!lines.all.contains(secret), "logs")
            }
        }
    }

    @Test func aTokenMayComeFromAFileAndACredentialDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-creds-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = directory.appendingPathComponent("token.txt")
        try Data("from-a-file-token\n".utf8).write(to: tokenFile)
        try Data(
            #"{"auth_type":"Token Auth","credentials":[{"tokenName":"token","tokenFile":"\#(tokenFile.path)"}]}"#.utf8
        ).write(to: directory.appendingPathComponent("GH.json"))
        var catalog = ConnectionCatalog()
        try catalog.addCredentialFiles(directory: directory.path)
        let spec = WorkflowSpec(steps: [Step(name: "S", actionId: "x", connectionLabel: "GH")])
        let connection = try catalog.resolve(label: "GH", in: spec, environment: [:])
        #expect(connection.credentials == ["token": "from-a-file-token"])
        #expect(connection.baseURL.isEmpty)
        #expect(connection.scrub("saw from-a-file-token") == "saw " + ResolvedConnection.redacted)
        let fromField = try ConnectionCatalog(json: [
            "connections": ["slack": ["type": "slack", "botToken": ["file": .string(tokenFile.path)]]]
        ]).resolve(label: "slack", in: spec, environment: [:])
        #expect(fromField.credentials["botToken"] == "from-a-file-token")
        #expect(fromField.baseURL == "https://slack.com")
    }
}
