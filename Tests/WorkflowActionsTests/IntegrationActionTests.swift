import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// Every shipped integration manifest in a workflow run: inputs rendered from a previous step's outputs, the
/// request checked as the service's API reference documents it, an output read by a later step, and a
/// failure answer turned into a clear step error.
@Suite("Integration actions against stand-in services")
struct IntegrationActionTests {
    private func run(_ item: IntegrationCase, server: StandInServer) async throws -> InstanceSummary {
        var entry = item.connection.objectValue ?? [:]
        entry[item.baseField] = .string(server.baseURL)
        let steps = [
            WorkflowRun.step("Setup", CoreActionID.echo, ["value": item.setup], next: "Call"),
            WorkflowRun.step("Call", item.action, item.parameters, next: "Read", connection: item.label),
            WorkflowRun.step("Read", CoreActionID.echo, ["value": .string("{{ Steps.Call.\(item.output) }}")]),
        ]
        return try await WorkflowRun.run(steps, connections: ["connections": [item.connectionName: .object(entry)]])
    }

    @Test(arguments: IntegrationCase.all)
    func sendsTheDocumentedRequestAndMapsTheAnswer(item: IntegrationCase) async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { _ in item.response }
        try await StandInServer.with(answer) { server in
            let summary = try await run(item, server: server)
            #expect(summary.step("Call")?.error == nil, "\(summary.step("Call")?.error?.message ?? "")")
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.method == item.method)
            #expect(request.path == item.path)
            if let query = item.query {
                #expect(request.query.split(separator: "&").sorted() == query.split(separator: "&").sorted())
            }
            for (name, value) in item.headers { #expect(request.headers[name] == value, "header \(name)") }
            for name in item.absentHeaders { #expect(request.headers[name] == nil, "header \(name)") }
            if let body = item.body { #expect(request.json == body) } else { #expect(request.body.isEmpty) }
            #expect(summary.step("Read")?.outputs?["value"] == item.expected)
            #expect(summary.status == .succeeded)
        }
    }

    @Test(arguments: IntegrationCase.all)
    func aFailingAnswerIsAClearStepError(item: IntegrationCase) async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { _ in item.failure }
        try await StandInServer.with(answer) { server in
            let summary = try await run(item, server: server)
            #expect(summary.step("Call")?.error?.code == "FAILED")
            #expect(summary.step("Call")?.error?.message == item.failureMessage)
            #expect(summary.step("Read")?.outputs == nil)
        }
    }

    @Test func aMissingCredentialFailsBeforeAnythingIsSent() async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { _ in .json(["ok": true]) }
        try await StandInServer.with(answer) { server in
            let steps = [WorkflowRun.step("Call", "com.datadoghq.dd.monitor.getMonitor", ["monitor_id": 1])]
            let summary = try await WorkflowRun.run(
                steps, connections: ["connections": ["datadog": ["baseUrl": .string(server.baseURL)]]])
            #expect(summary.step("Call")?.error?.code == "INVALID_INPUT")
            #expect(
                summary.step("Call")?.error?.message
                    == #"com.datadoghq.dd.monitor.getMonitor needs credential "apiKey" from the step's connection (a connection named "datadog" or the step's connectionLabel)"#
            )
            #expect(server.requests.isEmpty)
        }
    }

    @Test func jiraTransitionLooksUpTheTransitionToTheStatusThenPerformsIt() async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
            guard request.method == "GET" else {
                return StandInServer.Response(status: 204, contentType: "text/plain", body: [])
            }
            return .json(
                text: #"{"transitions":[{"id":"11","name":"Start","to":{"name":"In Progress"}},"#
                    + #"{"id":"31","name":"Finish","to":{"name":"Done"}}]}"#)
        }
        try await StandInServer.with(answer) { server in
            func run(_ status: String) async throws -> InstanceSummary {
                let steps = [
                    WorkflowRun.step(
                        "Move", "com.datadoghq.jira.transition_issue",
                        ["issueKey": "OPS-7", "newStatus": .string(status)],
                        next: "Read", connection: "JIRA"),
                    WorkflowRun.step("Read", CoreActionID.echo, ["value": "{{ Steps.Move.status }}"]),
                ]
                var entry = IntegrationCase.jira.objectValue ?? [:]
                entry["siteUrl"] = .string(server.baseURL)
                return try await WorkflowRun.run(steps, connections: ["connections": ["JIRA": .object(entry)]])
            }
            let moved = try await run("Done")
            #expect(moved.step("Read")?.outputs?["value"] == "Done")
            #expect(server.requests.map(\.method) == ["GET", "POST"])
            #expect(
                server.requests.map(\.path) == [
                    "/rest/api/2/issue/OPS-7/transitions", "/rest/api/2/issue/OPS-7/transitions",
                ])
            #expect(server.requests.last?.json == ["transition": ["id": "31"]])
            #expect(
                server.requests.allSatisfy {
                    $0.headers["authorization"] == IntegrationCase.jiraHeaders["authorization"]
                })
            let missing = try await run("Nope")
            #expect(missing.step("Move")?.error?.message == #"Jira issue OPS-7 has no transition to "Nope""#)
            #expect(server.requests.count == 3)
        }
    }
}
