import Testing
import WorkflowActions
import WorkflowModel

/// `{"iterations": [mock, …]}`: a loop body step's mock per iteration (docs/loops.md).
@Suite("Dry-run mocks per loop iteration")
struct IterationMockTests {
    @Test("iteration i plays item i, the last repeats, an item may be a sequence, outside a loop item 0 plays")
    func perIteration() throws {
        let mock = try Mock(
            json: [
                "iterations": [
                    ["outputs": ["env": "prod"]],
                    ["sequence": [["fail": "flaky"], ["outputs": ["env": "dev"]]]],
                ]
            ], at: "steps.check")
        #expect(try mock.play(attempt: 1, iteration: 0).outputs == ["env": "prod"])
        #expect(try mock.play(attempt: 1).outputs == ["env": "prod"])
        #expect(throws: ActionError.self) { try mock.play(attempt: 1, iteration: 1) }
        #expect(try mock.play(attempt: 2, iteration: 1).outputs == ["env": "dev"])
        #expect(try mock.play(attempt: 2, iteration: 7).outputs == ["env": "dev"])
    }

    @Test("iterations is a non-empty list that stands alone")
    func malformed() {
        for json: JSONValue in [["iterations": []], ["iterations": [["outputs": [:]]], "branch": "x"]] {
            let error = #expect(throws: MockError.self) { try Mock(json: json, at: "steps.A") }
            #expect(error?.message == #"steps.A: "iterations" is a non-empty list of mocks and stands alone"#)
        }
    }
}
