import Benchmark
import Foundation
import BenchmarkSupport
import WorkflowEngine
import WorkflowModel

/// Validation and compilation of a 10,000-step spec, from raw JSON and from a typed spec; template rendering.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 100
    )
    let spec = Workload.chain.spec(size: 10_000)
    if let json = try? JSONValue.encoding(spec) {
        Benchmark("Validate.compile.json.chain.10000") { benchmark in
            for _ in benchmark.scaledIterations {
                let report = ValidationReport(validating: json)
                guard let validated = report.validated else { continue }
                blackHole(try ExecutionPlan(spec: validated.spec, graph: validated.graph))
            }
        }
    }
    Benchmark("Validate.compile.typed.chain.10000") { benchmark in
        for _ in benchmark.scaledIterations {
            let report = ValidationReport(validating: spec)
            guard let validated = report.validated else { continue }
            blackHole(try ExecutionPlan(spec: validated.spec, graph: validated.graph))
        }
    }
    let context = DictionaryTemplateContext([
        .trigger: ["user": ["name": "ada", "id": 42], "items": [1, 2, 3]]
    ])
    if let template = try? Template(parsing: .string("Hello {{ Trigger.user.name }} (#{{ Trigger.user.id }})")) {
        Benchmark("Template.render.interpolated") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try template.render(in: context))
            }
        }
    }
    if let template = try? Template(parsing: .string("{{ Trigger.items }}")) {
        Benchmark("Template.render.whole") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try template.render(in: context))
            }
        }
    }
}
