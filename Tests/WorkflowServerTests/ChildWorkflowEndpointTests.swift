import Foundation
import HTTPTypes
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer

@Suite("Child workflows through the API")
struct ChildWorkflowEndpointTests {
    /// ``Specs/apiEcho`` fired by `workflowTrigger` instead: it echoes its `input` as output `echoed`.
    static let child: JSONValue = {
        guard case .object(var members) = Specs.apiEcho else { return Specs.apiEcho }
        members["triggers"] = [["workflowTrigger": .emptyObject, "startStepNames": ["Echo"]]]
        return .object(members)
    }()

    /// A parent fired by `apiTrigger` whose step `Call` runs `childId` with its own `input`.
    static func parent(calling childId: String) -> JSONValue {
        [
            "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["Call"]]],
            "inputSchema": ["parameters": [["name": "input", "type": "STRING"]]],
            "outputSchema": [
                "parameters": [
                    ["name": "fromChild", "type": "STRING", "value": "{{ Steps.Call.workflowOutputs.echoed }}"]
                ]
            ],
            "steps": [
                [
                    "name": "Call", "actionId": .string(ChildWorkflowAction.triggerId),
                    "parameters": [
                        ["name": "workflowId", "value": .string(childId)],
                        ["name": "workflowInputs", "value": ["input": "{{ Trigger.input }}"]],
                    ],
                ]
            ],
        ]
    }

    @Test("POST creates child and parent, executing the parent runs the child, GET shows both finished")
    func parentRunsChild() async throws {
        try await ServerHarness().withClient { api in
            let childId = try await api.createWorkflow(name: "child", spec: Self.child)
            let parentId = try await api.createWorkflow(name: "parent", spec: Self.parent(calling: childId))
            let id = try await api.execute(parentId, payload: ["input": "ping"])
            #expect(await api.environment.executor.wait(for: id) == .succeeded)

            let parent = try await api.send(.get, "/api/v2/workflows/\(parentId)/instances/\(id)")
            #expect(parent.status == 200)
            let attributes = try #require(parent.json?["data"]?["attributes"])
            #expect(attributes["outputs"] == ["fromChild": "ping"])
            #expect(attributes["stepStateAssociations"] == [["stepName": "Call", "stepState": "SUCCEEDED"]])

            let list = try await api.send(.get, "/api/v2/workflows/\(childId)/instances")
            #expect(list.json?["meta"]?["page"]?["totalCount"] == 1)
            let childInstance = try #require(list.json?["data"]?[0]?["id"]?.stringValue)
            let child = try await api.send(.get, "/api/v2/workflows/\(childId)/instances/\(childInstance)")
            #expect(child.status == 200)
            let childAttributes = try #require(child.json?["data"]?["attributes"])
            #expect(childAttributes["instanceStatus"] == ["detailsKind": "SUCCEEDED", "displayName": "Succeeded"])
            #expect(childAttributes["outputs"] == ["echoed": "ping"])
            #expect(childAttributes["trigger"] == ["input": "ping"])
            #expect(childAttributes["source"] == ["workflow": .emptyObject])
            #expect(
                childAttributes["sourceForTemplating"] == [
                    "type": "workflow", "parentInstanceId": .string(id), "parentWorkflowId": .string(parentId),
                    "parentStepName": "Call",
                ])
        }
    }
}
