import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Prints how long validation takes on big specs (no timed assertion: figures are read by people).
@Suite("Validation cost")
struct PerformanceReport {
    @Test("validate and compile 100 and 10,000 steps", arguments: [100, 10_000])
    func measure(count: Int) throws {
        for (shape, spec) in [
            ("chain", TestSupport.chainSpec(steps: count)), ("fan-out", TestSupport.fanOutSpec(steps: count)),
        ] {
            let json = try JSONValue.encoding(spec)
            let clock = ContinuousClock()
            var report = ValidationReport(spec: nil, graph: nil, issues: [])
            let fromJSON = clock.measure { report = ValidationReport(validating: json) }
            var typed = ValidationReport(spec: nil, graph: nil, issues: [])
            let fromTyped = clock.measure { typed = ValidationReport(validating: spec) }
            print("validation \(shape) \(count) steps: from JSON \(fromJSON), from typed spec \(fromTyped)")
            #expect(report.errors.isEmpty)
            #expect(report.graph?.stepCount == count)
            #expect(typed.spec == report.spec)
        }
    }
}
