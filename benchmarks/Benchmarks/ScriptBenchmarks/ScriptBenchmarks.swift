import Benchmark
import WorkflowEngine
import WorkflowModel
import WorkflowScript

/// JavaScript evaluations per second on one pooled context: a small expression, a Lodash call, a context holding
/// a 1,000-row step output, and a `${ … }` template rendered through the engine's `ExpressionEvaluator`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )
    let engine = JavaScriptEngine()
    let roots: [String: JSONValue] = [
        "Trigger": ["user": ["name": "ada", "id": 42], "items": [1, 2, 3, 4, 5]],
        "Steps": ["Fetch": ["status": 200, "body": ["ok": true]]],
        "WorkflowName": "bench",
    ]
    Benchmark("JavaScript.expression.small") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.evaluate(expression: "Trigger.user.id * 2 + 1", context: roots))
        }
    }
    Benchmark("JavaScript.expression.lodash") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.evaluate(expression: "_.sum(_.map(Trigger.items, x => x * 2))", context: roots))
        }
    }
    // The context is copied in as JSON for every evaluation: its size is the cost that grows.
    let rows: JSONValue = .array((0..<1_000).map { ["id": .number(Double($0)), "name": .string("host-\($0)")] })
    let bigRoots = roots.merging(["Steps": ["List": ["data": rows]]]) { _, new in new }
    Benchmark("JavaScript.expression.context1000rows") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.evaluate(expression: "Steps.List.data.length", context: bigRoots))
        }
    }
    let context = DictionaryTemplateContext(
        [.trigger: ["user": ["name": "ada", "id": 42], "items": [1, 2, 3]]], expressionEvaluator: engine)
    if let template = try? Template(parsing: .string("${ Trigger.items.map(x => x + Trigger.user.id) }")) {
        Benchmark("JavaScript.template.whole") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try template.render(in: context))
            }
        }
    }
}
