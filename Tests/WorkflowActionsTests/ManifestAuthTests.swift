import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

/// Manifest auth schemes as data, and the `aws-sigv4` extension point.
@Suite("Manifest auth schemes")
struct ManifestAuthTests {
    private static func manifest(_ auth: JSONValue) throws -> ActionManifest {
        try ActionManifest(json: [
            "actionId": "com.example.call", "auth": auth, "http": ["url": "/echo", "responseParsing": "json"],
        ])
    }

    /// Adds a fixed signature header, standing in for SigV4.
    private struct FakeSigner: ManifestRequestSigner {
        func sign(
            _ request: [String: JSONValue], service: String, credentials: [String: String]
        ) throws(ActionError) -> [String: JSONValue] {
            var signed = request
            signed["requestHeaders"] = [["key": "Authorization", "value": .array([.string("SIGNED \(service)")])]]
            return signed
        }
    }

    private func sentAuthorization(
        _ auth: JSONValue, credentials: [String: String], signer: (any ManifestRequestSigner)? = nil,
        on server: TestHTTPServer
    ) async throws -> JSONValue? {
        let action = ManifestAction(manifest: try Self.manifest(auth), signer: signer)
        let connection = ResolvedConnection(name: "c", baseURL: server.url(""), credentials: credentials)
        let invocation = ActionInvocation(
            stepName: "S", actionId: "com.example.call", inputs: [:], connection: connection)
        return try await action.run(invocation).outputs["body"]?["headers"]
    }

    @Test func schemesSendTheirHeaders() async throws {
        try await TestHTTPServer.with { server in
            let header = try await sentAuthorization(
                ["scheme": "header", "header": "X-Api", "format": "Token token={{ Credentials.apiToken }}"],
                credentials: ["apiToken": "short"], on: server)
            #expect(header?["x-api"] == "Token token=[REDACTED]")  // the service saw the token; outputs never do
            let keys = try await sentAuthorization(
                ["scheme": "datadog-keys"], credentials: ["apiKey": "k1-api", "appKey": "k2-app"], on: server)
            #expect(keys?["dd-api-key"] == "[REDACTED]")
            #expect(keys?["dd-application-key"] == "[REDACTED]")
            let signed = try await sentAuthorization(
                ["scheme": "aws-sigv4", "service": "ec2"], credentials: [:], signer: FakeSigner(), on: server)
            #expect(signed?["authorization"] == "SIGNED ec2")
        }
    }

    @Test func sigV4WithoutASignerIsUnsupported() async throws {
        let action = ManifestAction(manifest: try Self.manifest(["scheme": "aws-sigv4", "service": "s3"]))
        let invocation = ActionInvocation(stepName: "S", actionId: "com.example.call", inputs: [:])
        let error = await #expect(throws: ActionError.self) { try await action.run(invocation) }
        #expect(error?.code == .unsupported)
    }

    static let badAuth: [(auth: JSONValue, message: String)] = [
        (["scheme": "oauth"], "\"scheme\" must be"),
        (["scheme": "bearer", "extra": 1], #"unknown field "extra""#),
        (["scheme": "header", "header": "X"], #""format" must be"#),
        (["scheme": "none", "requires": [1]], "\"requires\" must be a list"),
    ]

    @Test(arguments: badAuth)
    func malformedAuthIsRefused(auth: JSONValue, message: String) {
        let error = #expect(throws: ManifestError.self) { try Self.manifest(auth) }
        #expect(error?.code == .malformed)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
