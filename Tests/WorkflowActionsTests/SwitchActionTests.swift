import Testing
import WorkflowActions
import WorkflowModel

@Suite("core.switch")
struct SwitchActionTests {
    func branch(_ expression: JSONValue, _ cases: JSONValue) throws -> ActionResult {
        try SwitchAction().runInline(invocation(CoreActionID.switch, ["switchExpression": expression, "cases": cases]))
    }

    let cases: JSONValue = [
        ["branchName": "one", "value": 1],
        ["branchName": "text", "value": "hello"],
        ["branchName": "also-one", "value": "1"],
        ["branchName": "big", "condition": ["operator": "OPERATOR_GREATER_THAN", "operand2": 100]],
        ["branchName": "flag", "condition": ["operand1": true, "operator": "OPERATOR_EQUAL", "operand2": "never"]],
    ]

    static let matches: [(JSONValue, String)] = [
        (1, "one"), ("1", "one"), ("1.0", "one"), (500, "big"), ("hello", "text"), (7, "default"), ("99", "default"),
    ]

    @Test(arguments: matches)
    func firstMatchingCaseWins(_ expression: JSONValue, _ expected: String) throws {
        let result = try branch(expression, cases)
        #expect(result.branch == expected)
        #expect(result.outputs == [:])
    }

    @Test func aConditionThatCannotBeEvaluatedIsAnError() {
        let error = #expect(throws: ActionError.self) { try branch("word", cases) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.hasPrefix("cases[3].condition: OPERATOR_GREATER_THAN") == true)
    }

    @Test func noCasesIsDefault() throws {
        #expect(try branch("x", []).branch == "default")
    }

    static let badCases: [(JSONValue, String)] = [
        ("x", "cases"), ([1], "cases[0]"), ([["value": 1]], "cases[0]"), ([["branchName": "a"]], "cases[0]"),
        ([["branchName": "a", "condition": ["operator": "nope"]]], "cases[0].condition"),
    ]

    @Test("bad inputs name the input", arguments: badCases)
    func badInputs(_ cases: JSONValue, _ named: String) {
        let error = #expect(throws: ActionError.self) { try branch(1, cases) }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains(named) == true)
    }

    @Test func switchExpressionIsRequired() {
        let error = #expect(throws: ActionError.self) {
            try SwitchAction().runInline(invocation(CoreActionID.switch, ["cases": []]))
        }
        #expect(error?.message.contains("switchExpression") == true)
    }
}
