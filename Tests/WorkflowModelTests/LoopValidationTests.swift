import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Validation of loop bodies (docs/loops.md): how a body is entered, nesting, break, and the loop's parameters.
@Suite("Loop validation")
struct LoopValidationTests {
    static let forLoop =
        #""actionId": "com.datadoghq.core.forLoop", "parameters": [{"name": "inputList", "value": [1]}]"#

    @Test("the exported ec2 example is valid, with a warning for its startStepNames naming no step")
    func exampleSpec() throws {
        let url = TestSupport.fixturesDirectory.appendingPathComponent(
            "example-specs/thirdparty-tf-export-ec2-env-scorecard-forLoop-if.spec.json")
        let report = ValidationReport(validating: try TestSupport.loadJSON(url))
        #expect(report.isValid)
        #expect(
            warningPairs(report) == [
                #"/steps/1/parameters/2/value/0: startStepNames names no step "For each instance"; the loop body is taken from its loopStart edge"#
            ])
    }

    @Test("body steps reached only through loopStart are reachable; a body step read after the loop is upstream")
    func bodyIsReachableAndUpstream() throws {
        let text = spec(
            steps: """
                {"name": "A", \(Self.forLoop), "outboundEdges": [{"nextStepName": "B", "branchName": "loopStart"},
                 {"nextStepName": "C", "branchName": "main"}]},
                {"name": "B", "actionId": "x", "outboundEdges": [{"nextStepName": "B2", "branchName": "main"}]},
                {"name": "B2", "actionId": "x"},
                {"name": "C", "actionId": "x", "parameters": [{"name": "v", "value": "{{ Steps.B2.value }}"}]}
                """)
        let report = try report(text)
        #expect(report.issues.isEmpty)
    }

    @Test("an edge from outside into a body is an error naming the edge")
    func edgeIntoBody() throws {
        let text = spec(
            steps: """
                {"name": "A", \(Self.forLoop), "outboundEdges": [{"nextStepName": "B", "branchName": "loopStart"},
                 {"nextStepName": "C", "branchName": "main"}]},
                {"name": "B", "actionId": "x"},
                {"name": "C", "actionId": "x", "outboundEdges": [{"nextStepName": "B", "branchName": "main"}]}
                """)
        #expect(
            errorPairs(try report(text)) == [
                #"/steps/2/outboundEdges/0: edge from "C" enters the body of loop "A" at "B": a loop body is entered only through its loopStart edge"#
            ])
    }

    @Test("nested loops are refused")
    func nested() throws {
        let text = spec(
            steps: """
                {"name": "A", \(Self.forLoop), "outboundEdges": [{"nextStepName": "Inner", "branchName": "loopStart"}]},
                {"name": "Inner", \(Self.forLoop), "outboundEdges": [{"nextStepName": "B", "branchName": "loopStart"}]},
                {"name": "B", "actionId": "x"}
                """)
        #expect(
            errorPairs(try report(text)) == [
                #"/steps/1/actionId: loop "Inner" is inside the body of loop "A": nested loops are not supported"#
            ])
    }

    @Test("a break outside a body, a start step inside one, a loop without inputList or loopStart")
    func misplaced() throws {
        let text = spec(
            start: ["A", "B"],
            steps: """
                {"name": "A", "actionId": "com.datadoghq.core.forLoop",
                 "outboundEdges": [{"nextStepName": "B", "branchName": "loopStart"}, {"nextStepName": "Stop", "branchName": "main"}]},
                {"name": "B", "actionId": "x"},
                {"name": "Stop", "actionId": "com.datadoghq.core.break"},
                {"name": "W", "actionId": "com.datadoghq.core.whileLoop", "parameters": [{"name": "conditions", "value": []}]}
                """)
        let report = try report(text)
        #expect(
            errorPairs(report) == [
                #"/steps/0/parameters: loop "A" needs the parameter "inputList""#,
                #"/steps/2/actionId: break step "Stop" is not inside a loop body"#,
                #"/triggers/0/startStepNames/1: start step "B" is inside the body of loop "A""#,
                // The run would fail the loop step on an empty list: validation says so first.
                "/steps/3/parameters/0/value: conditions must hold at least one condition",
            ])
        #expect(warningPairs(report).contains(#"/steps/3: loop "W" has no loopStart edge: its body is empty"#))
    }
}
