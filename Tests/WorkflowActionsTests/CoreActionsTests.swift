import Testing
import WorkflowActions
import WorkflowModel

func invocation(_ actionId: String, _ inputs: [String: JSONValue] = [:]) -> ActionInvocation {
    ActionInvocation(stepName: "step", actionId: actionId, inputs: inputs)
}

@Suite("Core actions")
struct CoreActionsTests {
    @Test func noopOutputsAnEmptyObjectOnMain() throws {
        let result = try NoopAction().runInline(invocation(CoreActionID.noop, ["ignored": 1]))
        #expect(result == ActionResult(outputs: [:], branch: "main"))
    }

    @Test(arguments: [JSONValue.string("x"), 3, ["a": [1]], .null])
    func echoReturnsItsValue(_ value: JSONValue) throws {
        let result = try EchoAction().runInline(invocation(CoreActionID.echo, ["value": value]))
        #expect(result.outputs == ["value": value])
        #expect(result.branch == "main")
    }

    @Test func echoWithoutValueIsNull() throws {
        #expect(try EchoAction().runInline(invocation(CoreActionID.echo)).outputs == ["value": .null])
    }

    @Test func errorAlwaysFailsWithItsMessage() {
        let error = #expect(throws: ActionError.self) {
            try ErrorAction().runInline(invocation(CoreActionID.error, ["message": "boom"]))
        }
        #expect(error == ActionError(.failed, "boom"))
        let fallback = #expect(throws: ActionError.self) { try ErrorAction().runInline(invocation(CoreActionID.error)) }
        #expect(fallback?.code == .failed)
        #expect(fallback?.message.contains("\"step\"") == true)
        let object = #expect(throws: ActionError.self) {
            try ErrorAction().runInline(invocation(CoreActionID.error, ["message": ["a": 1]]))
        }
        #expect(object?.message == #"{"a":1}"#)
    }

    @Test func setVariable() throws {
        let result = try SetVariableAction().runInline(
            invocation(CoreActionID.setVariable, ["variableName": "count", "variableValue": [1, 2]]))
        #expect(result.variables == ["count": [1, 2]])
        #expect(result.outputs == [:])
        let null = try SetVariableAction().runInline(invocation(CoreActionID.setVariable, ["variableName": "x"]))
        #expect(null.variables == ["x": .null])
    }

    @Test(
        arguments: [
            [String: JSONValue](), ["variableName": 3], ["variableName": ""],
        ])
    func setVariableRefusesBadNames(_ inputs: [String: JSONValue]) {
        let error = #expect(throws: ActionError.self) {
            try SetVariableAction().runInline(invocation(CoreActionID.setVariable, inputs))
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("variableName") == true)
    }

    @Test func setVariablesFromAnArray() throws {
        let result = try SetVariablesAction().runInline(
            invocation(
                CoreActionID.setVariables,
                ["variables": [["name": "a", "value": 1], ["name": "b"], ["name": "a", "value": 3]]]))
        #expect(result.variables == ["a": 3, "b": .null])
    }

    @Test func setVariablesFromAnObject() throws {
        let result = try SetVariablesAction().runInline(
            invocation(CoreActionID.setVariables, ["variables": ["a": "x", "b": [true]]]))
        #expect(result.variables == ["a": "x", "b": [true]])
    }

    @Test(arguments: [JSONValue.string("a=1"), [["value": 1]], [3], [["name": ""]]])
    func setVariablesRefusesBadShapes(_ variables: JSONValue) {
        let error = #expect(throws: ActionError.self) {
            try SetVariablesAction().runInline(invocation(CoreActionID.setVariables, ["variables": variables]))
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("variables") == true)
    }

    @Test func setVariablesNeedsItsInput() {
        let error = #expect(throws: ActionError.self) {
            try SetVariablesAction().runInline(invocation(CoreActionID.setVariables))
        }
        #expect(error?.message == "missing required input \"variables\"")
    }
}
