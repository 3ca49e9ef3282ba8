import Testing
import WorkflowActions
import WorkflowModel

/// `core.if` / `core.switch` with the conditions Datadog's editor writes:
/// `{comparisonOperator, leftValue, rightValue}` and `{comparisonOperator, value}`.
@Suite("Editor conditions")
struct EditorConditionTests {
    func branch(_ conditions: JSONValue) throws -> String {
        try IfAction().runInline(invocation(CoreActionID.if, ["conditions": conditions, "joinOperator": "and"])).branch
    }

    func binary(_ code: String, _ left: JSONValue, _ right: JSONValue) -> JSONValue {
        ["comparisonOperator": .string(code), "leftValue": left, "rightValue": right]
    }

    /// Each of the twelve codes, true once and false once; values keep their JSON types.
    static let cases: [(String, JSONValue, JSONValue?, String)] = [
        ("eq", false, true, "false"), ("eq", true, true, "true"), ("eq", "true", true, "false"),
        ("eq", 3, "3.0", "true"),
        ("neq", "a", "b", "true"), ("neq", "a", "a", "false"),
        ("gt", 5, 3, "true"), ("gt", 3, 5, "false"), ("gte", 3, "3", "true"), ("gte", 2, 3, "false"),
        ("lt", "apple", "banana", "true"), ("lt", 5, 3, "false"), ("lte", 3, 3, "true"), ("lte", 4, 3, "false"),
        ("contains", "i-0abc", "abc", "true"), ("contains", ["a", "b"], "c", "false"),
        ("doesNotContain", ["a", "b"], "c", "true"), ("doesNotContain", "abc", "b", "false"),
        ("null", .null, nil, "true"), ("null", 0, nil, "false"),
        ("nonnull", "prod", nil, "true"), ("nonnull", .null, nil, "false"),
        ("empty", "", nil, "true"), ("empty", [1], nil, "false"),
        ("nonempty", ["k": 1], nil, "true"), ("nonempty", [:], nil, "false"),
    ]

    @Test("every comparisonOperator code", arguments: cases)
    func codes(_ code: String, _ left: JSONValue, _ right: JSONValue?, _ expected: String) throws {
        let condition: JSONValue =
            right.map { binary(code, left, $0) } ?? ["comparisonOperator": .string(code), "value": left]
        #expect(try branch([condition]) == expected)
    }

    @Test("eq on two different values is false, and neq on them true (the reported defect)")
    func reportedDefect() throws {
        #expect(try branch([binary("eq", "{{ not rendered }}", "x")]) == "false")
        #expect(try branch([binary("eq", false, true)]) == "false")
        #expect(try branch([binary("neq", 1, 2)]) == "true")
    }

    @Test("an unknown code or a missing operand is an error, never a silent false")
    func malformed() {
        let unknown = #expect(throws: ActionError.self) { try branch([binary("ne", 1, 2)]) }
        #expect(unknown?.message.contains("comparisonOperator") == true)
        let missing = #expect(throws: ActionError.self) {
            try branch([["comparisonOperator": "gt", "leftValue": 1]])
        }
        #expect(missing?.message.contains("rightValue") == true)
        let incomparable = #expect(throws: ActionError.self) { try branch([binary("gt", ["a": 1], 1)]) }
        #expect(incomparable?.message.contains("conditions[0]") == true)
    }

    @Test("a switch case's condition without leftValue compares the switch expression")
    func switchCase() throws {
        let cases: JSONValue = [
            ["branchName": "big", "condition": ["comparisonOperator": "gt", "rightValue": 100]],
            ["branchName": "named", "condition": ["comparisonOperator": "eq", "leftValue": "x", "rightValue": "x"]],
        ]
        func run(_ expression: JSONValue) throws -> String {
            try SwitchAction().runInline(
                invocation(CoreActionID.switch, ["switchExpression": expression, "cases": cases])
            ).branch
        }
        #expect(try run(500) == "big")
        #expect(try run(5) == "named")
    }
}
