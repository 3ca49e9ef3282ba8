import Testing
import WorkflowModel

struct ConditionCase: Sendable, CustomTestStringConvertible {
    var op: ConditionOperator
    var lhs: JSONValue?
    var rhs: JSONValue?
    var expected: Bool
    var testDescription: String {
        "\(lhs?.compactJSON ?? "missing") \(op.rawValue) \(rhs?.compactJSON ?? "missing") == \(expected)"
    }
    init(_ lhs: JSONValue?, _ op: ConditionOperator, _ rhs: JSONValue?, _ expected: Bool) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.expected = expected
    }
}

@Suite("Condition operators")
struct ConditionOperatorTests {
    static let equalityCases: [ConditionCase] = [
        ConditionCase(3, .equal, 3, true),
        ConditionCase(3, .equal, "3", true),
        ConditionCase("3.0", .equal, 3, true),
        ConditionCase(" 3 ", .equal, 3, true),
        ConditionCase("3", .equal, "3.0", false),
        ConditionCase("abc", .equal, "abc", true),
        ConditionCase("abc", .equal, "ABC", false),
        ConditionCase(true, .equal, "true", false),
        ConditionCase(true, .equal, true, true),
        ConditionCase(nil, .equal, .null, true),
        ConditionCase(.null, .equal, "", false),
        ConditionCase([1, "2", [3]], .equal, ["1", 2, [3.0]], true),
        ConditionCase([1, 2], .equal, [1, 2, 3], false),
        ConditionCase(["a": 1, "b": ["c": "x"]], .equal, ["b": ["c": "x"], "a": "1"], true),
        ConditionCase(["a": 1], .equal, ["a": 1, "b": 2], false),
        ConditionCase(["a": 1], .equal, ["b": 1], false),
        ConditionCase("0x10", .equal, 16, false),
        ConditionCase("nan", .equal, .number(.nan), false),
        ConditionCase(3, .notEqual, "3", false),
        ConditionCase(3, .notEqual, 4, true),
        ConditionCase("a", .notEqual, nil, true),
    ]

    static let orderingCases: [ConditionCase] = [
        ConditionCase(5, .greaterThan, 3, true),
        ConditionCase("10", .greaterThan, "9", true),
        ConditionCase("10", .greaterThan, 9, true),
        ConditionCase("b", .greaterThan, "a", true),
        ConditionCase("B", .greaterThan, "a", false),
        ConditionCase(3, .greaterThan, 3, false),
        ConditionCase(3, .greaterThanOrEqualTo, "3.0", true),
        ConditionCase(2, .lessThan, 3, true),
        ConditionCase("abc", .lessThan, "abd", true),
        ConditionCase("1e3", .lessThan, 999, false),
        ConditionCase(3, .lessThanOrEqualTo, 3, true),
        ConditionCase(4, .lessThanOrEqualTo, 3, false),
        ConditionCase("a", .lessThanOrEqualTo, "a", true),
    ]

    static let containmentCases: [ConditionCase] = [
        ConditionCase("hello world", .contains, "lo w", true),
        ConditionCase("hello", .contains, "xyz", false),
        ConditionCase("version 42", .contains, 42, true),
        ConditionCase("is true", .contains, true, true),
        ConditionCase("abc", .contains, "", true),
        ConditionCase([1, 2, 3], .contains, "2", true),
        ConditionCase(["a", ["b": 1]], .contains, ["b": "1"], true),
        ConditionCase([1, 2], .contains, 5, false),
        ConditionCase([.null], .contains, nil, true),
        ConditionCase(["key": 1], .contains, "key", true),
        ConditionCase(["key": 1], .contains, "other", false),
        ConditionCase(["1": true], .contains, 1, true),
        ConditionCase("hello", .doesNotContain, "xyz", true),
        ConditionCase([1, 2], .doesNotContain, 2, false),
        ConditionCase(["k": 1], .doesNotContain, "k", false),
    ]

    static let unaryCases: [ConditionCase] = [
        ConditionCase(nil, .isNull, nil, true),
        ConditionCase(.null, .isNull, nil, true),
        ConditionCase("", .isNull, nil, false),
        ConditionCase(0, .isNotNull, nil, true),
        ConditionCase(nil, .isNotNull, nil, false),
        ConditionCase(nil, .isEmpty, nil, true),
        ConditionCase(.null, .isEmpty, nil, true),
        ConditionCase("", .isEmpty, nil, true),
        ConditionCase([], .isEmpty, nil, true),
        ConditionCase([:], .isEmpty, nil, true),
        ConditionCase(" ", .isEmpty, nil, false),
        ConditionCase(0, .isEmpty, nil, false),
        ConditionCase(false, .isEmpty, nil, false),
        ConditionCase([1], .isNotEmpty, nil, true),
        ConditionCase(["a": .null], .isNotEmpty, nil, true),
        ConditionCase("", .isNotEmpty, nil, false),
        ConditionCase(nil, .isNotEmpty, "ignored", false),
    ]

    @Test("equality", arguments: equalityCases)
    func equality(_ test: ConditionCase) throws {
        #expect(try test.op.evaluate(test.lhs, test.rhs) == test.expected)
    }

    @Test("ordering", arguments: orderingCases)
    func ordering(_ test: ConditionCase) throws {
        #expect(try test.op.evaluate(test.lhs, test.rhs) == test.expected)
    }

    @Test("containment", arguments: containmentCases)
    func containment(_ test: ConditionCase) throws {
        #expect(try test.op.evaluate(test.lhs, test.rhs) == test.expected)
    }

    @Test("null and empty", arguments: unaryCases)
    func unary(_ test: ConditionCase) throws {
        #expect(try test.op.evaluate(test.lhs, test.rhs) == test.expected)
    }

    static let errorsCases: [ConditionCase] = [
        ConditionCase(["a": 1], .greaterThan, 1, false),
        ConditionCase("abc", .lessThan, 3, false),
        ConditionCase(true, .greaterThanOrEqualTo, false, false),
        ConditionCase(nil, .lessThanOrEqualTo, 1, false),
        ConditionCase(.null, .greaterThan, .null, false),
        ConditionCase(3, .contains, 3, false),
        ConditionCase(nil, .doesNotContain, "a", false),
        ConditionCase("abc", .contains, ["a"], false),
        ConditionCase(["k": 1], .contains, true, false),
    ]

    @Test("operands an operator does not compare are errors", arguments: errorsCases)
    func errors(_ test: ConditionCase) {
        let error = #expect(throws: ConditionError.self) { try test.op.evaluate(test.lhs, test.rhs) }
        #expect(error?.message.contains(test.op.rawValue) == true)
    }

    @Test func errorMessageNamesOperandTypes() {
        let error = #expect(throws: ConditionError.self) {
            try ConditionOperator.greaterThan.evaluate(["a": 1], "x")
        }
        #expect(error?.message.contains("an object") == true)
        #expect(error?.message.contains("a string") == true)
        let missing = #expect(throws: ConditionError.self) { try ConditionOperator.lessThan.evaluate(nil, 1) }
        #expect(missing?.message.contains("a missing value") == true)
    }

    @Test(
        "operator names",
        arguments: [
            ("OPERATOR_EQUAL", ConditionOperator.equal), ("eq", .equal), ("==", .equal), ("!=", .notEqual),
            ("gt", .greaterThan), (">=", .greaterThanOrEqualTo), ("lt", .lessThan), ("lte", .lessThanOrEqualTo),
            ("contains", .contains), ("doesNotContain", .doesNotContain), ("IS_NULL", .isNull),
            ("null", .isNull), ("nonnull", .isNotNull), ("empty", .isEmpty), ("nonempty", .isNotEmpty),
        ])
    func names(_ name: String, _ expected: ConditionOperator) {
        #expect(ConditionOperator(name: name) == expected)
    }

    @Test func unknownNamesAreNil() {
        #expect(ConditionOperator(name: "approximately") == nil)
        #expect(ConditionOperator(unaryComparison: "eq") == nil)
        #expect(ConditionOperator(unaryComparison: "NONNULL") == .isNotNull)
    }

    @Test func numericValues() {
        #expect(JSONValue.string("1e3").numericValue == 1000)
        #expect(JSONValue.string("-2.5").numericValue == -2.5)
        #expect(JSONValue.string(".5").numericValue == 0.5)
        #expect(JSONValue.string("").numericValue == nil)
        #expect(JSONValue.string("1e").numericValue == nil)
        #expect(JSONValue.string("inf").numericValue == nil)
        #expect(JSONValue.string("1 2").numericValue == nil)
        #expect(JSONValue.bool(true).numericValue == nil)
    }
}
