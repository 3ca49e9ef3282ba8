import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `SpecDecoder` checks and builds steps in one pass without `Codable`; these compare what it gives with
/// Foundation's `JSONDecoder` decoding the same text through the types' `Codable` conformances, and check that
/// what the shape check refuses is still refused with its message.
@Suite("Spec building")
struct SpecBuildTests {
    static let files =
        TestSupport.jsonFiles(in: TestSupport.samplesDirectory)
        + TestSupport.jsonFiles(in: TestSupport.fixturesDirectory.appendingPathComponent("example-specs"))

    /// The spec of a document, as `SpecDecoder` builds it and as `JSONDecoder` decodes it.
    static func bothWays(_ document: JSONValue) throws -> (built: WorkflowSpec, decoded: WorkflowSpec) {
        let specJSON = document["data"]?["attributes"]?["spec"] ?? document
        let built = try SpecDecoder().decode(specJSON).get()
        let text = try JSONEncoder().encode(specJSON)
        return (built, try JSONDecoder().decode(WorkflowSpec.self, from: text))
    }

    @Test("samples and example specs build as Codable decodes them", arguments: files)
    func matchesCodable(file: URL) throws {
        let (built, decoded) = try Self.bothWays(try TestSupport.loadJSON(file))
        #expect(built == decoded)
    }

    @Test("every step member, `null` values and absent optionals build as Codable decodes them")
    func everyMember() throws {
        let steps = """
            {"name": "A", "actionId": "x.a", "connectionLabel": "conn", "display": {"bounds": {"x": 1, "y": 2.5}},
             "parameters": [{"name": "p", "value": {"k": [1, null]}}, {"name": "q", "value": null}],
             "outboundEdges": [{"nextStepName": "B", "branchName": "true"}, {"nextStepName": "C", "branchName": "main"}],
             "readinessGate": {"thresholdType": "ANY"},
             "completionGate": {"completionCondition": {"operand1": null, "operator": "OPERATOR_IS_NULL",
                                                        "operand2": null},
                                "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR",
                                                  "linear": {"interval": "5s", "maxRetries": 2}}},
             "errorHandlers": [{"fallbackStepName": "C", "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR"}}]},
            {"name": "B", "actionId": "x.b",
             "completionGate": {"completionCondition": {"operand1": "{{ Steps.A }}", "operator": "OPERATOR_EQUAL",
                                                        "operand2": 3},
                                "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR"}}},
            {"name": "C", "actionId": "x.c", "display": {"bounds": {}}, "parameters": [], "outboundEdges": []},
            {"name": "D", "actionId": "x.d", "display": {}}
            """
        let (built, decoded) = try Self.bothWays(try JSONValue.parse(spec(start: ["A"], steps: steps)))
        #expect(built == decoded)
        let first = try #require(built.steps?.first)
        #expect(first.parameters?[1].value == .null)
        #expect(first.completionGate?.completionCondition.operand1 == .null)
        #expect(first.completionGate?.completionCondition.operand2 == nil)
        #expect(first.display?.bounds == Bounds(x: 1, y: 2.5))
        #expect(built.steps?[1].parameters == nil)
        #expect(built.steps?[2].display == StepDisplay(bounds: Bounds()))
        #expect(built.steps?[3].display == StepDisplay(bounds: nil))
    }

    @Test("a 2,000-step chain builds as Codable decodes it")
    func bigChain() throws {
        let spec = SpecBuilder.chain(2_000)
        let (built, decoded) = try Self.bothWays(try JSONValue.encoding(spec))
        #expect(built == decoded)
        #expect(built == spec)
    }

    @Test(
        "what the shape check refuses inside a step is reported as before",
        arguments: [
            (#""parameters": null"#, #"/steps/0/parameters: expected an array, got null"#),
            (#""colour": "red""#, #"/steps/0/colour: unknown field "colour""#),
            (#""display": {"bounds": {"x": 1, "width": 3}}"#, #"/steps/0/display/bounds/width: unknown field "width""#),
            (#""display": {"bounds": {"x": null}}"#, #"/steps/0/display/bounds/x: expected a number, got null"#),
            (
                #""outboundEdges": [{"nextStepName": "A"}]"#,
                #"/steps/0/outboundEdges/0/branchName: missing required field "branchName""#
            ),
            (#""parameters": [{"name": "p"}]"#, #"/steps/0/parameters/0/value: missing required field "value""#),
            (
                #""errorHandlers": [{"fallbackStepName": "A", "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR", "linear": null}}]"#,
                #"/steps/0/errorHandlers/0/retryStrategy/linear: expected an object, got null"#
            ),
            (
                #""completionGate": {"completionCondition": {"operand1": 1, "operator": "OPERATOR_IS_NULL", "extra": 2}, "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR"}}"#,
                #"/steps/0/completionGate/completionCondition/extra: unknown field "extra""#
            ),
            (
                #""readinessGate": {"thresholdType": "SOME"}"#,
                #"/steps/0/readinessGate/thresholdType: unknown thresholdType "SOME"; expected one of ANY, ALL"#
            ),
        ])
    func refusedAsBefore(member: String, expected: String) throws {
        let report = try report(spec(steps: #"{"name": "A", "actionId": "x.a", "# + member + "}"))
        #expect(report.spec == nil)
        #expect(errorPairs(report) == [expected])
    }
}
