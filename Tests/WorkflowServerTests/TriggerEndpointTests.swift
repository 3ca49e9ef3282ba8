import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowServer
import WorkflowStore

@Suite("Webhooks and other triggers")
struct TriggerEndpointTests {
    static let secret = "a-webhook-secret-of-32-characters"

    static let webhookSpec: JSONValue = [
        "triggers": [["githubWebhookTrigger": .emptyObject, "startStepNames": ["A"]]],
        "steps": [["name": "A", "actionId": "com.datadoghq.core.noop"]],
    ]

    static func sign(_ body: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    static func name(_ text: String) throws -> HTTPField.Name {
        try #require(HTTPField.Name(text))
    }

    @Test("GitHub's documented signature vector")
    func vector() {
        #expect(
            Self.sign("Hello, World!", secret: "It's a Secret to Everybody")
                == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    }

    @Test("a signed delivery starts a run with the payload, event and delivery id as Source; a bad one is 401")
    func webhook() async throws {
        let harness = try ServerHarness(configuration: ServerConfiguration(apiKey: "k", applicationKey: "a"))
        try await harness.withClient { client in
            var keyed = client
            keyed.headers[try Self.name("DD-API-KEY")] = "k"
            keyed.headers[try Self.name("DD-APPLICATION-KEY")] = "a"
            let id = try await keyed.createWorkflow(
                spec: Self.webhookSpec, extra: ["webhookSecret": .string(Self.secret)])
            let body = #"{"action":"opened","pull_request":{"number":7}}"#
            var github = client
            github.headers[try Self.name("X-GitHub-Event")] = "pull_request"
            github.headers[try Self.name("X-GitHub-Delivery")] = "72d3162e-cc78-11e3-81ab-4c9367dc0958"
            let missing = try await github.send(.post, "/api/v2/workflows/\(id)/webhook", text: body)
            #expect(missing.status == 401)
            github.headers[try Self.name("X-Hub-Signature-256")] = Self.sign(body, secret: "wrong-secret-wrong-secret")
            let wrong = try await github.send(.post, "/api/v2/workflows/\(id)/webhook", text: body)
            #expect(wrong.status == 401)
            let none = try await harness.environment.instances.list(InstanceQuery(workflowId: id))
            #expect(none.totalCount == 0)
            github.headers[try Self.name("X-Hub-Signature-256")] = Self.sign(body, secret: Self.secret)
            let good = try await github.send(.post, "/api/v2/workflows/\(id)/webhook", text: body)
            #expect(good.status == 200, "\(good.text)")
            let instanceId = try #require(good.json?["data"]?["id"]?.stringValue)
            let instance = try #require(try await harness.environment.instances.instance(id: instanceId))
            #expect(instance.sourceKind == "githubWebhook")
            #expect(instance.source["event"] == "pull_request")
            #expect(instance.source["deliveryId"] == "72d3162e-cc78-11e3-81ab-4c9367dc0958")
            #expect(instance.source["pull_request"]?["number"] == 7)
        }
    }

    @Test("a monitor event starts a published workflow; over the rate limit is 429; unpublished is 400")
    func monitor() async throws {
        let harness = try ServerHarness()
        try await harness.withClient { client in
            let spec: JSONValue = [
                "triggers": [
                    [
                        "monitorTrigger": ["rateLimit": ["count": 2, "interval": "3600s"]],
                        "startStepNames": ["A"],
                    ]
                ],
                "steps": [["name": "A", "actionId": "com.datadoghq.core.noop"]],
            ]
            let id = try await client.createWorkflow(spec: spec)
            let event: JSONValue = ["monitor": ["id": 42, "status": "Alert"]]
            var statuses: [Int] = []
            for _ in 0..<3 {
                statuses.append(
                    try await client.send(.post, "/api/v2/workflows/\(id)/triggers/monitor", json: event).status)
            }
            #expect(statuses == [200, 200, 429])
            let runs = try await harness.environment.instances.list(InstanceQuery(workflowId: id)).instances
            #expect(runs.count == 2)
            #expect(runs.allSatisfy { $0.sourceKind == "monitor" && $0.source["monitor"]?["id"] == 42 })
            let draft = try await client.createWorkflow(spec: spec, published: false)
            let refused = try await client.send(
                .post, "/api/v2/workflows/\(draft)/triggers/monitorTrigger", json: event)
            #expect(refused.status == 400)
            let missing = try await client.send(.post, "/api/v2/workflows/\(id)/triggers/incident", json: event)
            #expect(missing.status == 400)
        }
    }
}

@Suite("Rate limits across restarts")
struct RateLimitRestartTests {
    @Test("a restarted server still refuses starts over the window")
    func survivesRestart() async throws {
        let harness = try ServerHarness()
        let spec: JSONValue = [
            "triggers": [
                ["monitorTrigger": ["rateLimit": ["count": 2, "interval": "3600s"]], "startStepNames": ["A"]]
            ],
            "steps": [["name": "A", "actionId": "com.datadoghq.core.noop"]],
        ]
        try await harness.withClient { client in
            let id = try await client.createWorkflow(spec: spec)
            for _ in 0..<2 {
                let reply = try await client.send(.post, "/api/v2/workflows/\(id)/triggers/monitor", json: [:])
                #expect(reply.status == 200)
            }
            // A second server over the same file: a fresh limiter, the same recorded starts.
            let store = try SQLiteStore(path: harness.directory.appendingPathComponent("test.db").path)
            let restarted = ServerEnvironment(
                store: store, registry: .core(), configuration: ServerConfiguration(),
                logger: harness.environment.logger)
            let app = try buildApplication(restarted)
            try await app.test(.router) { second in
                let reply = try await second.execute(
                    uri: "/api/v2/workflows/\(id)/triggers/monitor", method: .post,
                    headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                #expect(reply.status.code == 429)
            }
        }
    }
}
