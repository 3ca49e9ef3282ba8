import Foundation
import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

/// Service connections, runner credential files and their errors.
@Suite("Connection sources")
struct ConnectionSourceTests {
    private static let spec = WorkflowSpec(steps: [Step(name: "S", actionId: "x", connectionLabel: "c")])

    private func resolve(_ entry: JSONValue, environment: [String: String] = [:]) throws -> ResolvedConnection {
        try ConnectionCatalog(json: ["connections": ["c": entry]]).resolve(
            label: "c", in: Self.spec, environment: environment)
    }

    @Test func servicesGiveTheirBaseURLAndCredentials() throws {
        let datadog = try resolve(
            ["type": "datadog", "apiKey": "${DD_KEY}", "appKey": "app", "site": "datadoghq.eu"],
            environment: ["DD_KEY": "api-from-env"])
        #expect(datadog.baseURL == "https://api.datadoghq.eu")
        #expect(datadog.credentials == ["apiKey": "api-from-env", "appKey": "app", "site": "datadoghq.eu"])
        #expect(datadog.secrets.contains("api-from-env"))
        #expect(!datadog.secrets.contains("datadoghq.eu"))
        let github = try resolve(["type": "github", "token": "t0ken", "apiBaseUrl": "https://ghe.example/api/v3"])
        #expect(github.baseURL == "https://ghe.example/api/v3")
        let jira = try resolve([
            "type": "jira", "siteUrl": "https://acme.atlassian.net", "email": "a@b", "apiToken": "jt",
        ])
        #expect(jira.baseURL == "https://acme.atlassian.net")
        let override = try resolve(["type": "slack", "botToken": "xoxb-1", "baseUrl": "http://127.0.0.1:9"])
        #expect(override.baseURL == "http://127.0.0.1:9")
    }

    @Test func credentialTemplatesFillHeadersParametersAndBody() throws {
        let connection = try resolve([
            "type": "pagerduty", "routingKey": "rk-1234", "baseUrl": "https://events.test",
            "headers": ["X-Key": "{{ Credentials.routingKey }}"], "urlParams": ["k": "{{ routingKey }}"],
            "body": [
                "content": #"{"routing_key":"{{ $credentials.routingKey }}"}"#, "contentType": "application/json",
            ],
        ])
        #expect(connection.headers == [.init(name: "X-Key", value: "rk-1234")])
        #expect(connection.urlParameters == [.init(name: "k", value: "rk-1234")])
        #expect(connection.body?.content == #"{"routing_key":"rk-1234"}"#)
    }

    static let badEntries: [(entry: JSONValue, code: String, message: String)] = [
        (["type": "opsgenie"], "MALFORMED_CONNECTIONS", "\"type\" must be one of"),
        (["type": "datadog", "appKey": "a"], "MISSING_CREDENTIAL", #"needs "apiKey""#),
        (["type": "github", "token": 3], "MALFORMED_CONNECTIONS", #""token" must be a string"#),
        (["type": "slack", "botToken": "x", "extra": 1], "MALFORMED_CONNECTIONS", #"unknown field "extra""#),
        (["baseUrl": "https://a.test", "headers": ["A": "{{ Credentials.nope }}"]], "MISSING_CREDENTIAL", #""nope""#),
        (["credentials": "/nonexistent/creds.json"], "UNREADABLE_CREDENTIALS", "/nonexistent/creds.json"),
        (["type": "github", "token": ["file": "/nonexistent/token"]], "UNREADABLE_CREDENTIALS", "/nonexistent/token"),
    ]

    @Test(arguments: badEntries)
    func badConnectionsAreRefusedNamingWhat(entry: JSONValue, code: String, message: String) {
        let error = #expect(throws: ConnectionError.self) { try resolve(entry) }
        #expect(error?.code.description == code)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func malformedCredentialFilesAreRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        for (text, message) in [
            (#"{"auth_type":"OAuth","credentials":[]}"#, #""auth_type" must be "Token Auth" or "Basic Auth""#),
            (#"{"auth_type":"Token Auth","credentials":[{"tokenName":"a"}]}"#, #"token "a" needs"#),
            (#"{"auth_type":"Basic Auth","credentials":[{"username":"u"}]}"#, "Basic Auth needs one"),
        ] {
            try Data(text.utf8).write(to: file)
            let error = #expect(throws: ConnectionError.self) { try RunnerCredentialFile(path: file.path) }
            #expect(error?.code == .malformed)
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        }
    }
}
