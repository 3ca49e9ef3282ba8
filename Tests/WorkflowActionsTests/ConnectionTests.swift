import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

@Suite("Connections")
struct ConnectionTests {
    private static let spec = WorkflowSpec(
        connectionEnvs: [
            ConnectionEnv(connections: [Connection(connectionId: "11111111-aaaa", label: "INTEGRATION_GITHUB")])
        ])

    private func catalog(baseURL: String) throws -> ConnectionCatalog {
        try ConnectionCatalog(json: [
            "connections": [
                "11111111-aaaa": [
                    "baseUrl": .string(baseURL),
                    "headers": ["Authorization": "Bearer ${TEST_TOKEN}", "X-Team": "sre-${TEAM}-x"],
                ]
            ]
        ])
    }

    private func withServer(_ body: (TestHTTPServer) async throws -> Void) async throws {
        let server = try await TestHTTPServer.start()
        do {
            try await body(server)
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    private func invocation(_ inputs: [String: JSONValue], _ connection: ResolvedConnection) -> ActionInvocation {
        ActionInvocation(
            stepName: "Call", actionId: ActionRegistry.SystemActionID.httpRequest, inputs: inputs,
            connectionLabel: "INTEGRATION_GITHUB", connection: connection)
    }

    @Test func labelResolvesThroughConnectionEnvsAndSubstitutesVariables() throws {
        let connection = try catalog(baseURL: "https://api.example.com").resolve(
            label: "INTEGRATION_GITHUB", in: Self.spec, environment: ["TEST_TOKEN": "s3cret", "TEAM": "core"])
        #expect(connection.name == "11111111-aaaa")
        #expect(
            connection.headers == [
                .init(name: "Authorization", value: "Bearer s3cret"), .init(name: "X-Team", value: "sre-core-x"),
            ])
    }

    @Test func aMissingVariableIsAnErrorNamingIt() throws {
        let resolver = ConnectionResolver(catalog: try catalog(baseURL: "https://x.test"), environment: ["TEAM": "a"])
        let spec = WorkflowSpec(
            connectionEnvs: Self.spec.connectionEnvs,
            steps: [Step(name: "Open issue", actionId: "x", connectionLabel: "INTEGRATION_GITHUB")])
        let error = #expect(throws: ConnectionError.self) { try resolver.connections(for: spec) }
        #expect(error?.code == .missingVariable)
        #expect(error?.message.contains("TEST_TOKEN") == true)
        #expect(error?.message.hasPrefix("step \"Open issue\"") == true)
    }

    @Test func anUnknownLabelAndAMalformedFileAreRefused() throws {
        let error = #expect(throws: ConnectionError.self) {
            try ConnectionCatalog().resolve(label: "INTEGRATION_GITHUB", in: Self.spec, environment: [:])
        }
        #expect(error?.code == .unknownConnection)
        #expect(error?.message.contains("11111111-aaaa") == true)
        let malformed = #expect(throws: ConnectionError.self) {
            try ConnectionCatalog(json: ["connections": ["x": ["baseUrl": "not a url"]]])
        }
        #expect(malformed?.code == .malformed)
        let extra = #expect(throws: ConnectionError.self) {
            try ConnectionCatalog(json: ["connections": ["x": ["baseUrl": "https://a.test", "token": "t"]]])
        }
        #expect(extra?.message.contains("\"token\"") == true)
    }

    @Test func headersApplyAndRelativeURLsResolveAgainstTheBaseURL() async throws {
        try await withServer { server in
            let connection = try catalog(baseURL: server.url("")).resolve(
                label: "INTEGRATION_GITHUB", in: Self.spec, environment: ["TEST_TOKEN": "s3cret", "TEAM": "core"])
            let outputs = try await HTTPAction().run(
                invocation(
                    ["url": "/echo", "requestHeaders": [["key": "X-Team", "value": ["mine"]]]], connection)
            ).outputs
            let echo = outputs["body"]
            #expect(echo?["path"] == "/echo")
            // The server got them; echoed back, secrets (the variables' values) are redacted in the outputs.
            #expect(echo?["headers"]?["authorization"] == "[REDACTED]")
            #expect(echo?["headers"]?["x-team"] == "sre-[REDACTED]-x")  // the connection's header overrides the step's
            #expect(server.hits == 1)
        }
    }

    @Test func aURLOnAnotherHostIsRefusedBeforeAnythingIsSent() async throws {
        try await withServer { server in
            let connection = ResolvedConnection(
                name: "github", baseURL: server.url(""), headers: [.init(name: "Authorization", value: "Bearer t")])
            let other = "http://localhost:\(server.port)/echo"  // same port, other host name
            let error = await #expect(throws: ActionError.self) {
                try await HTTPAction().run(self.invocation(["url": .string(other)], connection))
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.message.contains("does not match base URL configured in the Connection") == true)
            let otherPort = await #expect(throws: ActionError.self) {
                try await HTTPAction().run(self.invocation(["url": "http://127.0.0.1:1/echo"], connection))
            }
            #expect(otherPort?.code == .invalidInput)
            #expect(server.hits == 0)
            let same = try await HTTPAction().run(self.invocation(["url": .string(server.url("/echo"))], connection))
            #expect(same.outputs["status"] == 200)
            #expect(server.hits == 1)
        }
    }
}
