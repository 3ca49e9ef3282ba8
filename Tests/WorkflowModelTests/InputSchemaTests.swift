import Testing
import WorkflowModel

/// A value of the wrong type for one parameter.
struct Mismatch: Sendable {
    var name: String
    var value: JSONValue
    var typeName: String
    init(_ name: String, _ value: JSONValue, _ typeName: String) {
        self.name = name
        self.value = value
        self.typeName = typeName
    }
}

@Suite("Input schema")
struct InputSchemaTests {
    let schema = InputSchema(parameters: [
        InputParameter(name: "env", type: .string, allowedValues: ["prod", "staging"]),
        InputParameter(name: "count", type: .number, defaultValue: 1),
        InputParameter(name: "dryRun", type: .boolean, defaultValue: false),
        InputParameter(name: "tags", type: .arrayString, defaultValue: [], allowedValues: ["a", "b"]),
        InputParameter(name: "free", type: .string, defaultValue: "x", allowedValues: ["x"], allowExtraValues: true),
        InputParameter(name: "config", type: .object, defaultValue: [:]),
    ])

    @Test func defaultsFillTheRest() throws {
        let resolved = try schema.resolve(["env": "prod"])
        #expect(
            resolved == [
                "env": "prod", "count": 1, "dryRun": false, "tags": [], "free": "x", "config": [:],
            ])
    }

    @Test func givenValuesWin() throws {
        let resolved = try schema.resolve([
            "env": "staging", "count": 5, "dryRun": true, "tags": ["b", "a"], "free": "anything",
            "config": ["k": 1],
        ])
        #expect(resolved["count"] == 5)
        #expect(resolved["tags"] == ["b", "a"])
        #expect(resolved["free"] == "anything")
        #expect(resolved["config"] == ["k": 1])
    }

    @Test func explicitNullTakesTheDefault() throws {
        let resolved = try schema.resolve(["env": "prod", "count": .null])
        #expect(resolved["count"] == 1)
    }

    @Test func unknownKeyUsesDatadogsMessage() {
        let error = #expect(throws: InputError.self) { try schema.resolve(["env": "prod", "bogus": 1]) }
        #expect(error?.problems.map(\.code) == [.unknownParameter])
        #expect(error?.problems.first?.message == "input parameter \"bogus\" not in workflow input schema")
    }

    @Test func requiredParameterMissing() {
        let error = #expect(throws: InputError.self) { try schema.resolve([:]) }
        #expect(error?.problems.map(\.code) == [.missingRequired])
        #expect(error?.description == "missing required input parameter \"env\"")
        let null = #expect(throws: InputError.self) { try schema.resolve(["env": .null]) }
        #expect(null?.problems.map(\.code) == [.missingRequired])
    }

    @Test(
        "wrong types are refused, naming the type",
        arguments: [
            Mismatch("count", "5", "NUMBER"), Mismatch("dryRun", "true", "BOOLEAN"),
            Mismatch("tags", ["a", 1], "ARRAY_STRING"), Mismatch("config", [1], "OBJECT"), Mismatch("env", 3, "STRING"),
        ])
    func typeMismatch(_ mismatch: Mismatch) {
        let (name, value, typeName) = (mismatch.name, mismatch.value, mismatch.typeName)
        var payload: [String: JSONValue] = ["env": "prod"]
        payload[name] = value
        let error = #expect(throws: InputError.self) { try schema.resolve(payload) }
        #expect(error?.problems.map(\.code) == [.typeMismatch])
        #expect(error?.problems.first?.parameter == name)
        #expect(error?.description.contains(typeName) == true)
    }

    @Test func allowedValuesAreAnEnum() {
        let error = #expect(throws: InputError.self) { try schema.resolve(["env": "dev"]) }
        #expect(error?.problems.map(\.code) == [.notAllowed])
        #expect(error?.description.contains("\"dev\"") == true)
        let element = #expect(throws: InputError.self) { try schema.resolve(["env": "prod", "tags": ["a", "c"]]) }
        #expect(element?.problems.map(\.code) == [.notAllowed])
    }

    @Test func everyProblemIsListed() {
        let error = #expect(throws: InputError.self) {
            try schema.resolve(["zeta": 1, "alpha": 2, "count": "x"])
        }
        #expect(error?.problems.map(\.code) == [.unknownParameter, .unknownParameter, .missingRequired, .typeMismatch])
        #expect(error?.problems.map(\.parameter) == ["alpha", "zeta", "env", "count"])
    }

    @Test func unknownDeclaredTypeIsAProblem() {
        let odd = InputSchema(parameters: [
            InputParameter(name: "p", type: .string)
        ])
        var parameters = odd.parameters ?? []
        parameters[0].type = "DATE"
        let error = #expect(throws: InputError.self) { try InputSchema(parameters: parameters).resolve(["p": "x"]) }
        #expect(error?.problems.map(\.code) == [.unknownType])
    }

    @Test func emptySchemaAcceptsOnlyAnEmptyPayload() throws {
        #expect(try InputSchema().resolve([:]) == [:])
        #expect(throws: InputError.self) { try InputSchema().resolve(["a": 1]) }
    }
}
