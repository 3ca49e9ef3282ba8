import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import WorkflowActions
import WorkflowModel
import WorkflowServer
import WorkflowStore

/// A server over a fresh SQLite file, driven through Hummingbird's router test client (the executor runs).
struct APIFixture {
    /// A request the server refused, or an answer without what was expected.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A 10-step chain of noop steps fired by `apiTrigger`.
    static let spec: JSONValue = {
        let steps: [JSONValue] = (0..<10).map { index in
            var step: [String: JSONValue] = ["name": .string("S\(index)"), "actionId": "com.datadoghq.core.noop"]
            if index < 9 {
                step["outboundEdges"] = [["nextStepName": .string("S\(index + 1)"), "branchName": "main"]]
            }
            return .object(step)
        }
        return ["triggers": [["apiTrigger": .emptyObject, "startStepNames": ["S0"]]], "steps": .array(steps)]
    }()

    let client: any TestClientProtocol

    /// Runs `body` against a new server; removes its folder afterwards.
    static func with(_ body: @Sendable (APIFixture) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "stepwise.bench.server")
        logger.logLevel = .error
        let environment = ServerEnvironment(
            store: try SQLiteStore(path: directory.appendingPathComponent("bench.db").path), registry: .core(),
            configuration: ServerConfiguration(), logger: logger)
        try await buildApplication(environment).test(.router) { client in
            let fixture = APIFixture(client: client)
            _ = try await fixture.request(.get, "/api/v2/workflows")  // the server's first request, unmeasured
            try await body(fixture)
        }
    }

    /// Sends a request and returns the parsed body of a 2xx answer.
    /// - Throws: ``Failure`` with the status and body otherwise.
    func request(_ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil) async throws -> JSONValue {
        let response = try await client.execute(
            uri: uri, method: method, headers: json == nil ? [:] : [.contentType: "application/json"],
            body: json.map { ByteBuffer(string: $0.compactJSON) })
        let text = String(buffer: response.body)
        guard (200..<300).contains(response.status.code) else {
            throw Failure(description: "\(method) \(uri): \(response.status.code) \(text)")
        }
        return try JSONValue.parse(text)
    }

    /// Creates the chain workflow (published) and returns its id.
    func createWorkflow() async throws -> String {
        let attributes: JSONValue = ["name": "bench", "spec": Self.spec, "published": true]
        let body = try await request(
            .post, "/api/v2/workflows", json: ["data": ["type": "workflows", "attributes": attributes]])
        return try Self.id(in: body, of: "create workflow")
    }

    /// Executes the workflow and returns the instance id.
    func execute(_ workflow: String) async throws -> String {
        let body = try await request(
            .post, "/api/v2/workflows/\(workflow)/instances", json: ["meta": ["payload": .emptyObject]])
        return try Self.id(in: body, of: "execute")
    }

    /// Reads the instance until it succeeded (yielding in between), at most 100,000 reads.
    /// - Throws: ``Failure`` when it ended otherwise or did not end.
    func waitUntilFinished(workflow: String, instance: String) async throws {
        for _ in 0..<100_000 {
            let body = try await request(.get, "/api/v2/workflows/\(workflow)/instances/\(instance)")
            switch body["data"]?["attributes"]?["instanceStatus"]?["detailsKind"]?.stringValue {
            case "SUCCEEDED": return
            case "IN_PROGRESS", nil: await Task.yield()
            case let other?: throw Failure(description: "instance \(instance) ended \(other)")
            }
        }
        throw Failure(description: "instance \(instance) did not finish")
    }

    private static func id(in body: JSONValue, of what: String) throws -> String {
        guard let id = body["data"]?["id"]?.stringValue else { throw Failure(description: "\(what): no data.id") }
        return id
    }
}
