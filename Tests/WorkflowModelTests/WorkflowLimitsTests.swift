import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("Workflow size limits")
struct WorkflowLimitsTests {
    private func errors(_ spec: WorkflowSpec) -> [String] {
        ValidationReport(validating: spec).errors.map(\.description)
    }

    @Test("a step name longer than the limit is refused, naming the limit and the step")
    func longStepName() {
        let long = String(repeating: "n", count: WorkflowLimits.maximumNameLength + 1)
        let spec = SpecBuilder.spec([SpecBuilder.step(long)], start: [long])
        #expect(errors(spec) == ["/steps/0/name: step name is 257 characters long; the limit is 256"])
    }

    @Test("a name exactly at the limit is accepted")
    func nameAtTheLimit() {
        let name = String(repeating: "n", count: WorkflowLimits.maximumNameLength)
        let spec = SpecBuilder.spec([SpecBuilder.step(name)], start: [name])
        #expect(errors(spec).isEmpty)
    }

    @Test("long branch names and parameter names are refused too")
    func longBranchAndParameterNames() {
        let long = String(repeating: "b", count: 300)
        let spec = SpecBuilder.spec(
            [SpecBuilder.step("A", next: [("B", long)]), SpecBuilder.step("B")], start: ["A"],
            inputs: [InputParameter(name: long, type: .string, defaultValue: "x")])
        #expect(
            errors(spec) == [
                "/steps/0/outboundEdges/0/branchName: branchName is 300 characters long; the limit is 256",
                "/inputSchema/parameters/0/name: input parameter name is 300 characters long; the limit is 256",
            ])
    }

    @Test("more steps than the limit is refused; Datadog's 100 stays a warning")
    func tooManySteps() {
        let over = SpecBuilder.chain(WorkflowLimits.maximumSteps + 1)
        #expect(errors(over) == ["/steps: workflow has 10001 steps; Stepwise allows at most 10000"])
        let report = ValidationReport(validating: SpecBuilder.chain(150))
        #expect(report.isValid)
        #expect(report.warnings.map(\.detail) == ["workflow has 150 steps; Datadog allows at most 100"])
    }

    @Test("the byte estimate counts strings, keys and nesting, and survives deep nesting")
    func byteCount() {
        let value: JSONValue = ["key": ["abc", 1, true, .null]]
        // {"key":[...]}: 2 + (3 + 4) + [2 + 4 + (3 + 2) + 8 + 5 + 5]
        #expect(value.approximateByteCount == 38)
        var deep: JSONValue = "x"
        for _ in 0..<2_000 { deep = .array([deep]) }
        #expect(deep.approximateByteCount == 6_003)
    }
}
