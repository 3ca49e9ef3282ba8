import Foundation
import HTTPTypes
import Hummingbird
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer

@Suite("Instance endpoints")
struct InstanceEndpointTests {
    @Test("execute answers 200 at once; the instance runs with its inputs and source kind api")
    func executeAndGet() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiEcho)
            let reply = try await api.send(
                .post, "/api/v2/workflows/\(workflowId)/instances", json: ["meta": ["payload": ["input": "hello"]]])
            #expect(reply.status == 200)
            #expect(reply.contentType == "application/json")
            #expect(reply.text.hasSuffix("}\n"))
            let id = try #require(reply.json?["data"]?["id"]?.stringValue)
            #expect(
                reply.json == [
                    "data": ["attributes": .emptyObject, "id": .string(id), "type": "instances"],
                    "meta": ["workflowId": .string(workflowId)],
                ])
            #expect(await api.environment.executor.wait(for: id) == .succeeded)
            let got = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)")
            #expect(got.status == 200)
            let attributes = try #require(got.json?["data"]?["attributes"])
            #expect(attributes["instanceStatus"] == ["detailsKind": "SUCCEEDED", "displayName": "Succeeded"])
            #expect(attributes["source"] == ["api": .emptyObject])
            #expect(attributes["outputs"] == ["echoed": "hello"])
            #expect(attributes["trigger"] == ["input": "hello"])
            #expect(attributes["stepStateAssociations"] == [["stepName": "Echo", "stepState": "SUCCEEDED"]])
            #expect(attributes["endTimestamp"]?.stringValue != nil)
            let versionId = try #require(got.json?["data"]?["relationships"]?["specVersion"]?["data"]?["id"])
            #expect(got.json?["included"]?[0]?["id"] == versionId)
            #expect(got.json?["included"]?[0]?["attributes"]?["spec"] == Specs.apiEcho)
            #expect(got.json?["meta"]?["outputsTooBig"] == false)
        }
    }

    @Test("execute refuses: no apiTrigger, unpublished, bad inputs, unknown action, unknown workflow")
    func executeRefusals() async throws {
        try await ServerHarness().withClient { api in
            let workflowTrigger: JSONValue = [
                "triggers": [["workflowTrigger": .emptyObject, "startStepNames": ["No_op"]]],
                "steps": [["name": "No_op", "actionId": "com.datadoghq.core.noop"]],
            ]
            let noApi = try await api.createWorkflow(spec: workflowTrigger)
            let refused = try await api.send(.post, "/api/v2/workflows/\(noApi)/instances", json: .emptyObject)
            #expect(refused.status == 400)
            #expect(refused.json?["errors"]?[0]?["detail"] == "Expected trigger type TRIGGER_TYPE_API not found")
            let draft = try await api.createWorkflow(spec: Specs.apiNoop, published: false)
            let unpublished = try await api.send(.post, "/api/v2/workflows/\(draft)/instances")
            #expect(unpublished.status == 400)
            #expect(unpublished.json?["errors"]?[0]?["detail"]?.stringValue?.contains("not published") == true)
            let echo = try await api.createWorkflow(spec: Specs.apiEcho)
            let inputs = try await api.send(
                .post, "/api/v2/workflows/\(echo)/instances", json: ["meta": ["payload": ["input": 1, "other": true]]])
            #expect(inputs.status == 400)
            let details = inputs.json?["errors"]?.arrayValue?.compactMap { $0["detail"]?.stringValue } ?? []
            #expect(details.contains(#"input parameter "other" not in workflow input schema"#))
            #expect(details.count == 2)
            let missing = try await api.send(
                .post, "/api/v2/workflows/\(echo)/instances", json: ["meta": ["payload": .emptyObject]])
            #expect(missing.status == 400)
            let unknownAction: JSONValue = [
                "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["Monitors"]]],
                "steps": [["name": "Monitors", "actionId": "com.datadoghq.dd.monitor.listMonitors"]],
            ]
            let integration = try await api.createWorkflow(spec: unknownAction)
            let unknown = try await api.send(.post, "/api/v2/workflows/\(integration)/instances")
            #expect(unknown.status == 400)
            #expect(unknown.json?["errors"]?[0]?["code"] == "UNKNOWN_ACTION")
            let nowhere = try await api.send(
                .post, "/api/v2/workflows/\(UUID().uuidString.lowercased())/instances", json: .emptyObject)
            #expect(nowhere.status == 404)
            #expect(
                nowhere.text == "{\"errors\":[{\"code\":\"WORKFLOW_NOT_FOUND\",\"detail\":\"workflow not found\"}]}\n")
            let badMeta = try await api.send(
                .post, "/api/v2/workflows/\(echo)/instances", json: ["meta": ["payload": [1]]])
            #expect(badMeta.status == 400)
        }
    }

    @Test("cancel stops a running instance; cancelling a finished one changes nothing")
    func cancel() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiSleep())
            let id = try await api.execute(workflowId)
            let reply = try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(id)/cancel")
            #expect(reply.status == 200)
            #expect(reply.text == "{}\n")
            #expect(await api.environment.executor.wait(for: id) == .canceled)
            let before = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)")
            let again = try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(id)/cancel")
            #expect(again.status == 200)
            let after = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)")
            #expect(before.text == after.text)
            #expect(
                after.json?["data"]?["attributes"]?["stepStateAssociations"] == [
                    ["stepName": "Sleep", "stepState": "CANCELED"]
                ])
            let unknown = UUID().uuidString.lowercased()
            let missing = try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(unknown)/cancel")
            #expect(missing.status == 404)
            #expect(missing.json?["errors"]?[0]?["code"] == "INSTANCE_NOT_FOUND")
        }
    }

    @Test("get: an instance is found only under its own workflow; a missing workflow is named first")
    func getUnderWorkflow() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiNoop)
            let otherId = try await api.createWorkflow(spec: Specs.apiNoop)
            let id = try await api.execute(workflowId)
            #expect(await api.environment.executor.wait(for: id) == .succeeded)
            let found = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)")
            #expect(found.status == 200)
            #expect(found.json?["data"]?["id"] == .string(id))
            let elsewhere = try await api.send(.get, "/api/v2/workflows/\(otherId)/instances/\(id)")
            #expect(elsewhere.status == 404)
            #expect(elsewhere.json?["errors"]?[0]?["code"] == "INSTANCE_NOT_FOUND")
            let unknownWorkflow = UUID().uuidString.lowercased()
            let nowhere = try await api.send(.get, "/api/v2/workflows/\(unknownWorkflow)/instances/\(id)")
            #expect(nowhere.status == 404)
            #expect(nowhere.json?["errors"]?[0]?["code"] == "WORKFLOW_NOT_FOUND")
        }
    }

    @Test("list: newest first, page[size]/page[number], counts by status")
    func list() async throws {
        try await ServerHarness().withClient { api in
            let noop = try await api.createWorkflow(spec: Specs.apiNoop)
            var ids: [String] = []
            for _ in 0..<3 {
                let id = try await api.execute(noop)
                _ = await api.environment.executor.wait(for: id)
                ids.append(id)
            }
            let page = try await api.send(
                .get, "/api/v2/workflows/\(noop)/instances?page%5Bsize%5D=2&page%5Bnumber%5D=0")
            #expect(page.status == 200)
            let listed = page.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(listed == [ids[2], ids[1]])
            #expect(
                page.json?["meta"] == [
                    "canceledCount": 0, "failedCount": 0, "page": ["totalCount": 3, "totalFilteredCount": 3],
                    "succeededCount": 3,
                ])
            let next = try await api.send(.get, "/api/v2/workflows/\(noop)/instances?page[size]=2&page[number]=1")
            #expect(next.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[0]])
            #expect(try await api.send(.get, "/api/v2/workflows/\(noop)/instances?page[size]=101").status == 400)
            #expect(try await api.send(.get, "/api/v2/workflows/\(noop)/instances?page[number]=-1").status == 400)
        }
    }

    @Test("an instance pins the spec version it started with")
    func pinsVersion() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiSleep())
            let id = try await api.execute(workflowId)
            let patched = try await api.send(
                .patch, "/api/v2/workflows/\(workflowId)",
                json: ["data": ["type": "workflows", "attributes": ["spec": Specs.apiNoop]]])
            #expect(patched.status == 200)
            let second = try await api.execute(workflowId)
            #expect(await api.environment.executor.wait(for: second) == .succeeded)
            _ = try await api.send(.put, "/api/v2/workflows/\(workflowId)/instances/\(id)/cancel")
            #expect(await api.environment.executor.wait(for: id) == .canceled)
            let first = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)")
            #expect(first.json?["included"]?[0]?["attributes"]?["spec"] == Specs.apiSleep())
            let later = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(second)")
            #expect(later.json?["included"]?[0]?["attributes"]?["spec"] == Specs.apiNoop)
        }
    }

    @Test("steps and events (local extensions) show rendered inputs, outputs and the journal")
    func stepsAndEvents() async throws {
        try await ServerHarness().withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiEcho)
            let id = try await api.execute(workflowId, payload: ["input": "x"])
            #expect(await api.environment.executor.wait(for: id) == .succeeded)
            let steps = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)/steps")
            #expect(steps.status == 200)
            let step = try #require(steps.json?["data"]?[0])
            #expect(step["stepName"] == "Echo")
            #expect(step["stepState"] == "SUCCEEDED")
            #expect(step["inputs"] == ["value": "x"])
            #expect(step["outputs"] == ["value": "x"])
            #expect(step["attempts"] == 1)
            #expect(step["startTimestamp"]?.stringValue != nil)
            let events = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)/events")
            let types = events.json?["data"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(types == ["stepStarted", "stepSucceeded", "instanceFinished"])
        }
    }
}

@Suite("Execute rate limit")
struct ExecuteRateLimitTests {
    @Test("an apiTrigger rateLimit refuses starts over the limit with 429")
    func rateLimited() async throws {
        try await ServerHarness().withClient { api in
            let spec: JSONValue = [
                "triggers": [
                    [
                        "apiTrigger": ["rateLimit": ["count": 2, "interval": "3600s"]],
                        "startStepNames": ["No_op"],
                    ]
                ],
                "steps": [["name": "No_op", "actionId": "com.datadoghq.core.noop"]],
            ]
            let workflowId = try await api.createWorkflow(spec: spec)
            _ = try await api.execute(workflowId)
            _ = try await api.execute(workflowId)
            let third = try await api.send(.post, "/api/v2/workflows/\(workflowId)/instances", json: .emptyObject)
            #expect(third.status == 429)
            #expect(third.json?["errors"]?[0]?["code"] == "RATE_LIMITED")
            let other = try await api.createWorkflow(spec: Specs.apiNoop)
            _ = try await api.execute(other)
        }
    }
}
