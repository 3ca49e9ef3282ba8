import Testing
import WorkflowModel

/// Text and the value it parses to.
struct Parsed: Sendable {
    var type: ParameterType
    var text: String
    var expected: JSONValue
    init(_ type: ParameterType, _ text: String, _ expected: JSONValue) {
        self.type = type
        self.text = text
        self.expected = expected
    }
}

@Suite("Command-line input text")
struct ParameterTypeParseTests {
    @Test(
        "valid text",
        arguments: [
            Parsed(.string, "hello world", "hello world"),
            Parsed(.string, "42", "42"),
            Parsed(.number, "42", 42),
            Parsed(.number, "-2.5", -2.5),
            Parsed(.boolean, "true", true),
            Parsed(.boolean, "False", false),
            Parsed(.object, #"{"a":[1]}"#, ["a": [1]]),
            Parsed(.arrayString, #"["a","b"]"#, ["a", "b"]),
            Parsed(.arrayNumber, "[1,2.5]", [1, 2.5]),
            Parsed(.arrayBoolean, "[true]", [true]),
            Parsed(.arrayObject, #"[{}]"#, [[:]]),
        ])
    func parses(_ test: Parsed) throws {
        #expect(try test.type.parse(text: test.text) == test.expected)
    }

    @Test(
        "invalid text",
        arguments: [
            (ParameterType.number, "abc"), (.number, ""), (.boolean, "yes"), (.object, "[1]"), (.object, "{"),
            (.arrayString, "[1]"), (.arrayNumber, "1,2"),
        ])
    func refuses(_ type: ParameterType, _ text: String) {
        let error = #expect(throws: InputError.self) { try type.parse(text: text) }
        #expect(error?.problems.map(\.code) == [.unparsableText])
        #expect(error?.description.contains("expected") == true)
    }

    @Test func payloadFromArguments() throws {
        let schema = InputSchema(parameters: [
            InputParameter(name: "n", type: .number), InputParameter(name: "s", type: .string),
        ])
        #expect(try schema.payload(arguments: ["n=3", "s=a=b"]) == ["n": 3, "s": "a=b"])
        let error = #expect(throws: InputError.self) { try schema.payload(arguments: ["n=x", "bogus=1", "flag"]) }
        #expect(error?.problems.map(\.code) == [.unparsableText, .unknownParameter, .unparsableText])
        #expect(error?.problems.first?.message.hasPrefix("input parameter \"n\":") == true)
    }
}
