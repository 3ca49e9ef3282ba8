import Testing
import WorkflowModel
import WorkflowTestSupport

/// Big generated specs validate without errors and compile a graph of every step (figures: benchmarks/).
@Suite("Big specs")
struct BigSpecTests {
    @Test("a chain and a fan-out of 100 and 10,000 steps validate, from JSON and typed", arguments: [100, 10_000])
    func bigSpecsValidate(count: Int) throws {
        for spec in [SpecBuilder.chain(count), SpecBuilder.fanOut(count - 2)] {
            let report = ValidationReport(validating: try JSONValue.encoding(spec))
            let typed = ValidationReport(validating: spec)
            #expect(report.errors.isEmpty)
            #expect(report.graph?.stepCount == count)
            #expect(typed.spec == report.spec)
        }
    }
}
