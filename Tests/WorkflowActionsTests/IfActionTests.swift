import Testing
import WorkflowActions
import WorkflowModel

@Suite("core.if")
struct IfActionTests {
    func branch(_ conditions: JSONValue, join: JSONValue? = nil) throws -> String {
        var inputs: [String: JSONValue] = ["conditions": conditions]
        inputs["joinOperator"] = join
        return try IfAction().runInline(invocation(CoreActionID.if, inputs)).branch
    }

    static let isTrue: JSONValue = ["operand1": 3, "operator": "OPERATOR_EQUAL", "operand2": "3"]
    static let isFalse: JSONValue = ["operand1": 3, "operator": "OPERATOR_GREATER_THAN", "operand2": 4]

    @Test func singleCondition() throws {
        #expect(try branch([Self.isTrue]) == "true")
        #expect(try branch([Self.isFalse]) == "false")
    }

    @Test func joinOperators() throws {
        #expect(try branch([Self.isTrue, Self.isFalse]) == "false")
        #expect(try branch([Self.isTrue, Self.isFalse], join: "and") == "false")
        #expect(try branch([Self.isTrue, Self.isFalse], join: "or") == "true")
        #expect(try branch([Self.isFalse, Self.isFalse], join: "OR") == "false")
        #expect(try branch([Self.isTrue, Self.isTrue], join: "and") == "true")
    }

    static let unaryCases: [(JSONValue, String)] = [
        (["comparisonOperator": "nonnull", "value": "x"], "true"),
        (["comparisonOperator": "nonnull", "value": .null], "false"),
        (["comparisonOperator": "null", "value": .null], "true"),
        (["comparisonOperator": "empty", "value": []], "true"),
        (["comparisonOperator": "empty", "value": "a"], "false"),
        (["comparisonOperator": "nonempty", "value": ["k": 1]], "true"),
    ]

    @Test("unary UI form", arguments: unaryCases)
    func unaryForm(_ condition: JSONValue, _ expected: String) throws {
        #expect(try branch([condition]) == expected)
    }

    @Test func unaryWithoutValueIsMissing() throws {
        #expect(try branch([["comparisonOperator": "null"]]) == "true")
        #expect(try branch([["operand1": .null, "operator": "OPERATOR_IS_EMPTY"]]) == "true")
    }

    static let badCases: [(JSONValue, String)] = [
        (.null, "conditions"), ("x", "conditions"), ([], "conditions"),
        ([["operator": "OPERATOR_EQUAL", "operand2": 1]], "conditions[0]"),
        ([["operand1": 1, "operator": "ALMOST", "operand2": 1]], "conditions[0].operator"),
        ([["operand1": 1, "operand2": 1]], "conditions[0]"),
        ([["comparisonOperator": "eqq", "value": 1]], "conditions[0].comparisonOperator"),
        ([isTrue, "x"], "conditions[1]"),
        ([["operand1": ["a": 1], "operator": "OPERATOR_LESS_THAN", "operand2": 1]], "conditions[0]"),
    ]

    @Test("bad inputs name the input", arguments: badCases)
    func badInputs(_ conditions: JSONValue, _ named: String) {
        let error = #expect(throws: ActionError.self) { try branch(conditions) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains(named) == true)
    }

    @Test func badJoinOperator() {
        let error = #expect(throws: ActionError.self) { try branch([Self.isTrue], join: "xor") }
        #expect(error?.message.contains("joinOperator") == true)
    }

    @Test func missingConditions() {
        let error = #expect(throws: ActionError.self) { try IfAction().runInline(invocation(CoreActionID.if)) }
        #expect(error == ActionError(.invalidInput, "missing required input \"conditions\""))
    }
}
