import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer
import WorkflowTestSupport

/// One test per response recorded from Datadog's API (`Tests/Fixtures/recorded-responses/`): the same request
/// against Stepwise gives the same status, content type and body shape (ids and timestamps aside); error
/// messages are compared verbatim.
@Suite("Recorded Datadog responses")
struct RecordedResponseTests {
    static let directory = TestSupport.fixturesDirectory.appendingPathComponent("recorded-responses")
    static let files = TestSupport.jsonFiles(in: directory).map(\.lastPathComponent)

    /// What Datadog sends that Stepwise has no equivalent for (there are no users here), and the source kind of
    /// the recorded instance (`manual`: started from Datadog's UI; ours are started through the API, `api`).
    static let unmatched: Set<String> = ["actingUser", "sourceForTemplating", "creationSource", "manual"]

    /// The spec of the recorded instance (a 300 s `core.sleep` behind an `apiTrigger`, with display bounds).
    static func recordedInstanceSpec() throws -> JSONValue {
        let file = directory.appendingPathComponent("get_a_workflow_instance_returns_ok_response.0.GET.200.json")
        let recorded = try TestSupport.loadJSON(file)
        return try #require(recorded["response"]?["body"]?["included"]?[0]?["attributes"]?["spec"])
    }

    @Test("the fixtures are all here")
    func fixturesPresent() {
        #expect(Self.files.count == 36)
    }

    @Test(arguments: files)
    func replay(_ file: String) async throws {
        let recorded = try TestSupport.loadJSON(Self.directory.appendingPathComponent(file))
        let response = try #require(recorded["response"])
        let request = try #require(recorded["request"])
        let expectedStatus = try #require(response["status"]?.numberValue).rounded()
        try await ServerHarness().withClient { api in
            let reply = try await Self.perform(file, request: request, api: api)
            #expect(Double(reply.status) == expectedStatus, "\(file): \(reply.text)")
            let contentType = response["content_type"]?.stringValue ?? ""
            #expect((reply.contentType ?? "") == contentType)
            let body = response["body"] ?? .null
            if body.isNull {
                #expect(reply.text.isEmpty)
                return
            }
            let ours = try #require(reply.json, "\(file): not JSON: \(reply.text)")
            Self.expectShape(ours, covers: body, path: file)
            if let errors = body["errors"]?.arrayValue {
                // Every recorded message appears, in order (Datadog once answered only the first of these).
                let ourDetails = ours["errors"]?.arrayValue?.compactMap { $0["detail"]?.stringValue } ?? []
                let details = errors.compactMap { $0["detail"]?.stringValue }
                #expect(Array(ourDetails.prefix(details.count)) == details, "\(file)")
                // Instance endpoints' errors are compared byte for byte (their ids come from the request).
                if contentType == "application/json" {
                    #expect(reply.text == response["raw_body"]?.stringValue, "\(file)")
                }
            }
            if file.contains("POST.201") || file.contains("PATCH.200")
                || (file.contains("1.GET.200") && !file.hasPrefix("list"))
            {
                Self.expectSameWorkflow(ours, body, file: file)
            }
        }
    }

    /// Sends the recorded request, after creating what it needs (ids of Datadog's account are replaced by ours).
    static func perform(_ file: String, request: JSONValue, api: APIClient) async throws -> APIReply {
        let method = try #require(request["method"]?.stringValue)
        let uri = try #require(request["uri"]?.stringValue).replacingOccurrences(
            of: "https://api.datadoghq.com", with: "")
        let body = request["body"].flatMap { $0.isNull ? nil : $0 }
        let scenario = String(file.prefix { $0 != "." })
        let recordedCreate = directory.appendingPathComponent("\(scenario).0.POST.201.json")
        switch (method, file.contains(".0.")) {
        case ("GET", _) where uri.contains("/instances/"), ("PUT", _) where uri.contains("/instances/"):
            guard file.contains("_ok_") else { return try await api.send(method == "GET" ? .get : .put, uri) }
            let workflowId = try await api.createWorkflow(spec: try recordedInstanceSpec())
            let instance = try await api.execute(workflowId)
            if method == "GET" {
                _ = try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(instance)/cancel")
                _ = await api.environment.executor.wait(for: instance)
                return try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(instance)")
            }
            return try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(instance)/cancel")
        case ("GET", _) where uri.hasSuffix("/instances") && file.contains("_ok_"):
            let workflowId = try await api.createWorkflow(spec: Specs.apiSleep())
            let canceled = try await api.execute(workflowId)
            _ = try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(canceled)/cancel")
            _ = await api.environment.executor.wait(for: canceled)
            _ = try await api.execute(workflowId)
            return try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances")
        case ("POST", _) where uri.hasSuffix("/instances") && file.contains("created"):
            let workflowId = try await api.createWorkflow(spec: inputSpec)
            return try await api.send(.post, "/api/v2/workflows/\(workflowId)/instances", json: body ?? .null)
        case ("POST", _):
            return try await api.send(.post, uri, json: body ?? .null)
        case ("GET", true), ("DELETE", true), ("PATCH", true):
            return try await api.send(HTTPMethodName.method(method), uri, json: body ?? .null, sendBody: body != nil)
        default:
            // A later step of a scenario: create the workflow of step 0 first, then act on it (twice for a
            // second delete).
            let create = try TestSupport.loadJSON(recordedCreate)
            let created = try await api.send(.post, "/api/v2/workflows", json: create["request"]?["body"] ?? .null)
            let id = try #require(created.json?["data"]?["id"]?.stringValue)
            let path = uri.contains("/api/v2/workflows/") ? "/api/v2/workflows/\(id)" : uri
            if file.contains(".2.DELETE.404") { _ = try await api.send(.delete, path) }
            return try await api.send(HTTPMethodName.method(method), path, json: body ?? .null, sendBody: body != nil)
        }
    }

    /// A workflow with the recorded `input` parameter and an apiTrigger (the recorded execute sends it).
    static let inputSpec: JSONValue = [
        "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["No_op"]]],
        "inputSchema": ["parameters": [["name": "input", "type": "STRING", "defaultValue": "default"]]],
        "steps": [["name": "No_op", "actionId": "com.datadoghq.core.noop"]],
    ]
}
