import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer
import WorkflowStore

/// A server over a fresh SQLite file in a temporary folder, driven through Hummingbird's test client.
struct ServerHarness {
    let environment: ServerEnvironment
    let directory: URL

    init(
        configuration: ServerConfiguration = ServerConfiguration(), registry: ActionRegistry = .core(),
        now: @escaping @Sendable () -> Date = { Date() }, scheduleClock: any Clock<Duration> = ContinuousClock(),
        expressionEvaluator: (any ExpressionEvaluator)? = nil, metrics: MetricsEndpoint? = nil
    ) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-server-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory.appendingPathComponent("test.db").path)
        var logger = Logger(label: "stepwise.server.test")
        // Tests provoke warnings on purpose (bad signatures, rate limits): the test output need not show them.
        logger.logLevel = .critical
        environment = ServerEnvironment(
            store: store, registry: registry, configuration: configuration, logger: logger, now: now,
            scheduleClock: scheduleClock, expressionEvaluator: expressionEvaluator, metrics: metrics)
    }

    /// Runs `body` against the router (no socket), with the executor running; removes the folder afterwards.
    func withClient<T: Sendable>(
        _ setup: TestingSetup = .router, _ body: @Sendable (APIClient) async throws -> T
    ) async throws -> T {
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try buildApplication(environment)
        let environment = self.environment
        return try await app.test(setup) { client in
            try await body(APIClient(client: client, environment: environment))
        }
    }
}

/// A response with its body parsed.
struct APIReply: Sendable {
    var status: Int
    var contentType: String?
    var text: String
    var json: JSONValue? { try? JSONValue.parse(text) }
}

/// Sends requests the way Datadog's clients do (JSON bodies, key headers when given).
struct APIClient: Sendable {
    let client: any TestClientProtocol
    let environment: ServerEnvironment
    var headers: HTTPFields = [:]

    func send(_ method: HTTPRequest.Method, _ uri: String, text: String? = nil) async throws -> APIReply {
        var headers = headers
        if text != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) })
        return APIReply(
            status: Int(response.status.code), contentType: response.headers[.contentType],
            text: String(buffer: response.body))
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, json: JSONValue) async throws -> APIReply {
        try await send(method, uri, text: json.compactJSON)
    }

    /// Creates a workflow from a bare spec and returns its id.
    func createWorkflow(
        name: String = "test", spec: JSONValue, published: Bool = true, extra: [String: JSONValue] = [:]
    ) async throws -> String {
        var attributes: [String: JSONValue] = ["name": .string(name), "spec": spec, "published": .bool(published)]
        attributes.merge(extra) { _, new in new }
        let reply = try await send(
            .post, "/api/v2/workflows", json: ["data": ["type": "workflows", "attributes": .object(attributes)]])
        try #require(reply.status == 201, "create: \(reply.text)")
        return try #require(reply.json?["data"]?["id"]?.stringValue)
    }

    /// Executes a workflow and returns the instance id.
    func execute(_ workflowId: String, payload: JSONValue = .emptyObject) async throws -> String {
        let reply = try await send(
            .post, "/api/v2/workflows/\(workflowId)/instances", json: ["meta": ["payload": payload]])
        try #require(reply.status == 200, "execute: \(reply.text)")
        return try #require(reply.json?["data"]?["id"]?.stringValue)
    }
}

/// Specs the tests use.
enum Specs {
    /// One noop step fired by `apiTrigger`.
    static let apiNoop: JSONValue = [
        "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["No_op"]]],
        "steps": [["name": "No_op", "actionId": "com.datadoghq.core.noop"]],
    ]

    /// One `core.sleep` of `seconds`, fired by `apiTrigger`.
    static func apiSleep(_ seconds: Int = 300) -> JSONValue {
        [
            "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["Sleep"]]],
            "steps": [
                [
                    "name": "Sleep", "actionId": "com.datadoghq.core.sleep",
                    "parameters": [["name": "durationSeconds", "value": .number(Double(seconds))]],
                ]
            ],
        ]
    }

    /// An echo of the `input` parameter (a required STRING), fired by `apiTrigger`, with an output.
    static let apiEcho: JSONValue = [
        "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["Echo"]]],
        "inputSchema": ["parameters": [["name": "input", "type": "STRING"]]],
        "outputSchema": ["parameters": [["name": "echoed", "type": "STRING", "value": "{{ Steps.Echo.value }}"]]],
        "steps": [
            [
                "name": "Echo", "actionId": "com.datadoghq.core.echo",
                "parameters": [["name": "value", "value": "{{ Trigger.input }}"]],
            ]
        ],
    ]
}

extension JSONValue {
    /// The element at `index` of an array.
    subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
