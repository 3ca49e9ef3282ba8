import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer

@Suite("Workflow endpoints")
struct WorkflowEndpointTests {
    @Test("create applies Datadog's defaults and never echoes webhookSecret")
    func createDefaults() async throws {
        try await ServerHarness().withClient { api in
            let reply = try await api.send(
                .post, "/api/v2/workflows",
                json: [
                    "data": [
                        "type": "workflows",
                        "attributes": ["name": "w", "spec": Specs.apiNoop, "webhookSecret": "s3cret"],
                    ]
                ])
            #expect(reply.status == 201)
            #expect(reply.contentType == "application/vnd.api+json")
            let attributes = try #require(reply.json?["data"]?["attributes"])
            #expect(attributes["published"] == true)
            #expect(attributes["description"] == "")
            #expect(attributes["tags"] == [])
            #expect(attributes["spec"] == Specs.apiNoop)
            #expect(attributes["webhookSecret"] == nil)
            #expect(!reply.text.contains("s3cret"))
            let id = try #require(reply.json?["data"]?["id"]?.stringValue)
            #expect(id == id.lowercased() && UUID(uuidString: id) != nil)
            let created = try #require(attributes["createdAt"]?.stringValue)
            #expect(created.hasSuffix("Z") && created.contains("T"))
        }
    }

    @Test("an invalid spec lists every error with its pointer, after Datadog's 'spec is invalid' line")
    func invalidSpec() async throws {
        try await ServerHarness().withClient { api in
            let spec: JSONValue = [
                "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["Missing"]]],
                "steps": [
                    ["name": "A", "actionId": "com.datadoghq.core.noop"],
                    ["name": "A", "actionId": ""],
                ],
            ]
            let reply = try await api.send(
                .post, "/api/v2/workflows",
                json: ["data": ["type": "workflows", "attributes": ["name": "bad", "spec": spec]]])
            #expect(reply.status == 400)
            #expect(reply.contentType == "application/vnd.api+json")
            let errors = try #require(reply.json?["errors"]?.arrayValue)
            #expect(errors.first?["detail"] == "spec is invalid")
            #expect(errors.count >= 4)
            let pointers = errors.dropFirst().compactMap { $0["source"]?["pointer"]?.stringValue }
            #expect(pointers.count == errors.count - 1)
            #expect(pointers.allSatisfy { $0.hasPrefix("/data/attributes/spec/") })
            #expect(pointers.contains("/data/attributes/spec/steps/1/actionId"))
        }
    }

    @Test("get, update (merge; path id wins; updatedAt bumps), delete, and a second delete is 404")
    func lifecycle() async throws {
        try await ServerHarness().withClient { api in
            let id = try await api.createWorkflow(name: "first", spec: Specs.apiNoop, extra: ["tags": ["b:2", "a:1"]])
            let got = try await api.send(.get, "/api/v2/workflows/\(id.uppercased())")
            #expect(got.status == 200)
            #expect(got.json?["data"]?["attributes"]?["tags"] == ["a:1", "b:2"])
            let created = got.json?["data"]?["attributes"]?["updatedAt"]
            let patch = try await api.send(
                .patch, "/api/v2/workflows/\(id)",
                json: [
                    "data": [
                        "id": "22222222-2222-2222-2222-222222222222", "type": "workflows",
                        "attributes": ["description": "now described", "published": false],
                    ]
                ])
            #expect(patch.status == 200)
            let attributes = try #require(patch.json?["data"]?["attributes"])
            #expect(patch.json?["data"]?["id"] == .string(id))
            #expect(attributes["name"] == "first")
            #expect(attributes["description"] == "now described")
            #expect(attributes["published"] == false)
            #expect(attributes["spec"] == Specs.apiNoop)
            #expect(attributes["updatedAt"] != created)
            #expect(try await api.send(.delete, "/api/v2/workflows/\(id)").status == 204)
            let again = try await api.send(.delete, "/api/v2/workflows/\(id)")
            #expect(again.status == 404)
            #expect(again.text == #"{"errors":[{"detail":"workflow not found"}]}"#)
            #expect(try await api.send(.get, "/api/v2/workflows/\(id)").status == 404)
        }
    }

    @Test("list pages, filters, sorts, and includes specs only when asked")
    func list() async throws {
        try await ServerHarness().withClient { api in
            for name in ["alpha", "beta", "gamma", "alphabet"] {
                _ = try await api.createWorkflow(name: name, spec: Specs.apiNoop)
            }
            let all = try await api.send(.get, "/api/v2/workflows?sort=name&limit=3")
            #expect(all.status == 200)
            let names = all.json?["data"]?.arrayValue?.compactMap { $0["attributes"]?["name"]?.stringValue }
            #expect(names == ["alpha", "alphabet", "beta"])
            #expect(all.json?["data"]?[0]?["attributes"]?["spec"] == .null)
            #expect(all.json?["meta"] == ["page": ["totalCount": 4, "totalFilteredCount": 4]])
            let second = try await api.send(.get, "/api/v2/workflows?sort=name&limit=3&page=1")
            #expect(second.json?["data"]?.arrayValue?.count == 1)
            let filtered = try await api.send(
                .get, "/api/v2/workflows?filter%5Bquery%5D=ALPHA&filter%5BincludeSpecs%5D=true&sort=-name")
            let filteredNames = filtered.json?["data"]?.arrayValue?.compactMap {
                $0["attributes"]?["name"]?.stringValue
            }
            #expect(filteredNames == ["alphabet", "alpha"])
            #expect(filtered.json?["data"]?[0]?["attributes"]?["spec"] == Specs.apiNoop)
            #expect(filtered.json?["meta"] == ["page": ["totalCount": 4, "totalFilteredCount": 2]])
            #expect(try await api.send(.get, "/api/v2/workflows?sort=nope").status == 400)
            #expect(try await api.send(.get, "/api/v2/workflows?limit=abc").status == 400)
            #expect(try await api.send(.get, "/api/v2/workflows?page=99999999999999999999").status == 400)
        }
    }

    @Test("malformed JSON is a 400 naming line and column; a body over the limit is a 413")
    func badBodies() async throws {
        let harness = try ServerHarness(configuration: .init(maxBodySize: 1_000))
        try await harness.withClient { api in
            let malformed = try await api.send(.post, "/api/v2/workflows", text: "{\n  \"data\": [1,,]\n}")
            #expect(malformed.status == 400)
            let detail = try #require(malformed.json?["errors"]?[0]?["detail"]?.stringValue)
            #expect(detail.contains("line 2"))
            let big = String(repeating: "a", count: 2_000)
            let tooLarge = try await api.send(.post, "/api/v2/workflows", text: "{\"x\":\"\(big)\"}")
            #expect(tooLarge.status == 413)
            #expect(tooLarge.json?["errors"]?[0]?["detail"] != nil)
            let empty = try await api.send(.post, "/api/v2/workflows")
            #expect(empty.status == 400)
            let notObject = try await api.send(.post, "/api/v2/workflows", text: "[1, 2]")
            #expect(notObject.status == 400)
        }
    }
}
