import HTTPTypes
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowScript
import WorkflowServer

@Suite("JavaScript through the server")
struct JavaScriptEndpointTests {
    static let spec: JSONValue = [
        "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["Shout"]]],
        "inputSchema": ["parameters": [["name": "input", "type": "STRING"]]],
        "outputSchema": ["parameters": [["name": "echoed", "type": "STRING", "value": "{{ Steps.Echo.value }}"]]],
        "steps": [
            [
                "name": "Shout", "actionId": "com.datadoghq.datatransformation.func",
                "parameters": [["name": "script", "value": "return _.toUpper($.Trigger.input)"]],
                "outboundEdges": [["nextStepName": "Echo", "branchName": "main"]],
            ],
            [
                "name": "Echo", "actionId": "com.datadoghq.core.echo",
                "parameters": [["name": "value", "value": "${ `${Steps.Shout.data}!` }"]],
            ],
        ],
    ]

    @Test("an instance started over the API runs a func step and a ${ } template")
    func executeWithJavaScript() async throws {
        let engine = JavaScriptEngine()
        var registry = ActionRegistry.core()
        registry.registerDataTransformation(engine: engine)
        try await ServerHarness(registry: registry, expressionEvaluator: engine).withClient { api in
            let workflowId = try await api.createWorkflow(spec: Self.spec)
            let reply = try await api.send(
                .post, "/api/v2/workflows/\(workflowId)/instances", json: ["meta": ["payload": ["input": "hello"]]])
            let id = try #require(reply.json?["data"]?["id"]?.stringValue)
            #expect(await api.environment.executor.wait(for: id) == .succeeded)
            let got = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(id)")
            #expect(got.json?["data"]?["attributes"]?["outputs"] == ["echoed": "HELLO!"])
        }
    }
}
