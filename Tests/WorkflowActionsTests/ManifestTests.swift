import Foundation
import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

@Suite("Action manifests")
struct ManifestTests {
    private static let issueManifest: JSONValue = [
        "actionId": "com.example.tickets.create",
        "inputs": [
            ["name": "project", "type": "string", "required": true],
            ["name": "title", "type": "string", "required": true],
            ["name": "priority", "type": "integer", "default": 3],
            ["name": "tags", "type": "array"],
        ],
        "outputs": [
            ["name": "method", "type": "string", "value": "{{ Result.body.method }}"],
            ["name": "path", "type": "string", "value": "{{ Result.body.path }}"],
            ["name": "sent", "type": "string", "value": "{{ Result.body.body }}"],
            ["name": "auth", "type": "string", "value": "{{ Result.body.headers.authorization }}"],
        ],
        "http": [
            "verb": "POST", "url": "/echo/{{ Inputs.project }}/tickets",
            "headers": ["X-Priority": "p{{ Inputs.priority }}"],
            "body": ["title": "{{ Inputs.title }}", "priority": "{{ Inputs.priority }}", "tags": "{{ Inputs.tags }}"],
        ],
    ]

    @Test func theShippedManifestsLoad() throws {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("actions").path
        let manifests = try ActionManifest.load(directory: directory)
        #expect(manifests.count >= 4)
        #expect(manifests.contains { $0.actionId == "com.datadoghq.github.createIssue" })
        var registry = ActionRegistry()
        try registry.registerManifests(manifests)
        #expect(registry.manifest(for: "com.stepwise.system.diskUsage")?.inputs.first?.name == "path")
    }

    @Test func parametersAreCheckedAgainstTheManifest() throws {
        let manifest = try ActionManifest(json: Self.issueManifest)
        #expect(
            manifest.problems(with: [.init(name: "project", value: "a"), .init(name: "title", value: "b")]).isEmpty)
        let problems = manifest.problems(with: [
            .init(name: "project", value: 7), .init(name: "titel", value: "b"), .init(name: "tags", value: "{{ x }}"),
        ])
        #expect(
            problems == [
                "parameter \"title\" is required by com.example.tickets.create",
                "parameter \"project\" must be string, got number",
                "parameter \"titel\" is not an input of com.example.tickets.create (inputs: project, title, priority, tags)",
            ])
        #expect(
            manifest.problems(with: [.init(name: "project", value: "a"), .init(name: "priority", value: 1.5)]).count
                == 2)
    }

    @Test(
        "malformed manifests are refused, naming the field",
        arguments: [
            (#"{"actionId": "a.b", "http": {"url": "x"}, "shell": {"script": "y"}}"#, "exactly one implementation"),
            (#"{"actionId": "a.b", "http": {"url": "x", "method": "GET"}}"#, "unknown field \"method\""),
            (
                #"{"actionId": "a.b", "inputs": [{"name": "n", "type": "text"}], "http": {"url": "x"}}"#,
                "unknown type \"text\""
            ),
            (#"{"actionId": "a.b", "http": {"url": "{{ Steps.x }}"}}"#, "placeholder root \"Steps\""),
            (
                #"{"actionId": "a.b", "inputs": [{"name": "n", "type": "number", "default": "1"}], "http": {"url": "x"}}"#,
                "the default is string"
            ),
            (#"{"http": {"url": "x"}}"#, "\"actionId\""),
        ])
    func malformed(_ text: String, _ message: String) throws {
        let error = #expect(throws: ManifestError.self) {
            try ActionManifest(json: try JSONValue.parse(Data(text.utf8)))
        }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains(message) == true)
    }

    @Test func aFileMustBeNamedAfterItsActionId() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.issueManifest.compactJSON.utf8).write(to: directory.appendingPathComponent("wrong.json"))
        let error = #expect(throws: ManifestError.self) { try ActionManifest.load(directory: directory.path) }
        #expect(error?.message.contains("must be named com.example.tickets.create.json") == true)
    }

    @Test func anHTTPTemplateManifestRunsAgainstARealServer() async throws {
        try await TestHTTPServer.with { server in try await runTicket(on: server) }
    }

    private func runTicket(on server: TestHTTPServer) async throws {
        let action = ManifestAction(manifest: try ActionManifest(json: Self.issueManifest))
        let invocation = ActionInvocation(
            stepName: "Ticket", actionId: "com.example.tickets.create",
            inputs: ["project": "ops team", "title": "Disk full"],
            connection: ResolvedConnection(
                name: "tickets", baseURL: server.url(""), headers: [.init(name: "Authorization", value: "Token t")]))
        let outputs = try await action.run(invocation).outputs
        #expect(outputs["method"] == "POST")
        #expect(outputs["path"] == "/echo/ops%20team/tickets")
        // The server got the Authorization header; echoed back, it is a secret and redacted in the outputs.
        #expect(outputs["auth"] == .string(ResolvedConnection.redacted))
        let sent = try JSONValue.parse(Data((outputs["sent"]?.stringValue ?? "").utf8))
        #expect(sent == ["title": "Disk full", "priority": 3])  // the absent optional "tags" is left out
        #expect(server.hits == 1)
        let wrongType = await #expect(throws: ActionError.self) {
            try await action.run(
                ActionInvocation(stepName: "T", actionId: "x", inputs: ["project": "a", "title": ["not", "text"]]))
        }
        #expect(wrongType?.code == .invalidInput)
        #expect(server.hits == 1)
    }

    @Test func aShellManifestRunsWithInputsAsEnvironmentVariables() async throws {
        let manifest = try ActionManifest(json: [
            "actionId": "com.example.greet",
            "inputs": [["name": "who", "type": "string", "required": true], ["name": "times", "type": "integer"]],
            "outputs": [
                ["name": "greeting", "value": "{{ Result.json.greeting }}"],
                ["name": "code", "value": "{{ Result.exitCode }}"],
            ],
            "shell": [
                "script": #"printf '{"greeting": "%s %s x%s"}' "$SALUTATION" "$INPUT_WHO" "$INPUT_TIMES""#,
                "env": ["SALUTATION": "hello{{ Inputs.times }}"],
            ],
        ])
        let outputs = try await ManifestAction(manifest: manifest).run(
            ActionInvocation(
                stepName: "Greet", actionId: "com.example.greet", inputs: ["who": "$(id) world", "times": 2])
        ).outputs
        #expect(outputs == ["greeting": "hello2 $(id) world x2", "code": 0])
    }

    @Test func theShippedDiskUsageManifestReallyRuns() async throws {
        let file = TestSupport.repositoryRoot.appendingPathComponent("actions/com.stepwise.system.diskUsage.json")
        // The shipped script, with a limit a loaded test run cannot exceed (its 10 s counts the time the test
        // process takes to read the output, which a test run busy on every core can delay that long).
        let json = try JSONValue.parse(String(contentsOf: file, encoding: .utf8))
        guard case .object(var root) = json, case .object(var shell)? = root["shell"] else {
            Issue.record("the manifest has no shell object")
            return
        }
        shell["timeout"] = 300
        root["shell"] = .object(shell)
        let manifest = try ActionManifest(json: .object(root))
        let outputs = try await ManifestAction(manifest: manifest).run(
            ActionInvocation(stepName: "Disk", actionId: manifest.actionId, inputs: [:])
        ).outputs
        let used = try #require(outputs["usedPercent"]?.numberValue)
        #expect((0...100).contains(used))
        #expect(outputs["filesystem"]?.stringValue?.isEmpty == false)
    }
}
