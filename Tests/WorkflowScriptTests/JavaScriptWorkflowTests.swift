import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowScript
import WorkflowStore
import WorkflowTestSupport

/// `${ … }` templates and the data-transformation actions through the real runtime.
@Suite("JavaScript in workflows")
struct JavaScriptWorkflowTests {
    typealias B = SpecBuilder
    static let engine = JavaScriptEngine()

    /// Runs `spec` on an executor with the core and data-transformation actions and the JavaScript evaluator.
    func run(
        _ spec: WorkflowSpec, inputs: [String: JSONValue] = [:], evaluator: Bool = true,
        engine: JavaScriptEngine = Self.engine
    ) async throws -> InstanceSummary {
        let clock = ManualClock()
        var registry = ActionRegistry.core(clock: clock)
        registry.registerDataTransformation(engine: engine)
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: registry, store: store, clock: clock, logger: Logger(label: "test"),
            expressionEvaluator: evaluator ? engine : nil)
        let plan = try ExecutionPlan(spec: spec, workflowId: "wf-js", workflowName: "JS")
        async let running: Void = executor.run()
        let id = try await executor.start(StartRequest(plan: plan, trigger: .workflow, inputs: inputs))
        _ = await executor.wait(for: id)
        await executor.shutdown()
        await running
        return try #require(try await store.instance(id: id))
    }

    @Test func templatesAndFuncStepsRunThroughTheRuntime() async throws {
        let spec = B.spec(
            [
                B.step(
                    "Shape", action: ActionRegistry.DataTransformationActionID.function,
                    next: [("Echo", "main")],
                    parameters: [
                        "script": """
                        const label = 'total';
                        console.log(`${label}: ${_.sum(Trigger.numbers)}`);
                        return { total: _.sum($.Trigger.numbers), doubled: Trigger.numbers.map(n => n * 2),
                                 workflow: WorkflowName, instance: typeof InstanceId };
                        """
                    ]),
                B.step(
                    "Echo", action: "com.datadoghq.core.echo",
                    parameters: [
                        "value": [
                            "number": "${ Steps.Shape.data.total }",
                            "array": "${ Steps.Shape.data.doubled }",
                            "object": "${ ({ first: Steps.Shape.data.doubled[0] }) }",
                            "bool": "${ Steps.Shape.data.total > 5 }",
                            "null": "${ Steps.Missing?.data }",
                            "text": "sum=${ Steps.Shape.data.total } of {{ Trigger.numbers }}",
                        ]
                    ]),
            ], start: ["Shape"])
        let summary = try await run(spec, inputs: ["numbers": [1, 2, 3]])
        #expect(summary.status == .succeeded)
        #expect(
            summary.step(named: "Shape")?.outputs == [
                "data": ["total": 6, "doubled": [2, 4, 6], "workflow": "JS", "instance": "string"],
                "logs": ["total: 6"],
            ])
        #expect(
            summary.step(named: "Echo")?.outputs == [
                "value": [
                    "number": 6, "array": [2, 4, 6], "object": ["first": 2], "bool": true, "null": nil,
                    "text": "sum=6 of [1,2,3]",
                ]
            ])
    }

    /// `$` is the context when the step starts: earlier steps' outputs, and `Current` inside a loop body (a
    /// runner that handed actions the roots from before the run started once gave `$.Steps` empty, `$.Current`
    /// null).
    @Test func dollarSeesEarlierStepsAndTheLoopsCurrentItem() async throws {
        let spec = B.spec(
            [
                B.step(
                    "Base", action: "com.datadoghq.core.echo", next: [("Loop", "main")], parameters: ["value": 10]),
                B.step(
                    "Loop", action: "com.datadoghq.core.forLoop", next: [("Add", "loopStart")],
                    parameters: ["inputList": [1, 2]]),
                B.step(
                    "Add", action: ActionRegistry.DataTransformationActionID.function,
                    parameters: ["script": "return $.Steps.Base.value + $.Current.Value * 100 + Current.Index;"]),
            ], start: ["Base"])
        let summary = try await run(spec)
        #expect(summary.status == .succeeded)
        #expect(summary.step(named: "Loop")?.outputs == ["data": [["Add": ["data": 110]], ["Add": ["data": 211]]]])
    }

    @Test func expressionActionsUseTheContextParameterAsDollar() async throws {
        for action in [
            ActionRegistry.DataTransformationActionID.expression,
            ActionRegistry.DataTransformationActionID.inlineExpression,
        ] {
            let spec = B.spec(
                [
                    B.step(
                        "Pick", action: action,
                        parameters: [
                            "script": "$.values.filter(v => v > Trigger.min)", "context": ["values": [1, 5, 9]],
                        ])
                ], start: ["Pick"])
            let summary = try await run(spec, inputs: ["min": 4])
            #expect(summary.step(named: "Pick")?.outputs == ["data": [5, 9]], "\(action)")
        }
    }

    @Test func aFailingScriptIsAStepErrorWithTheJavaScriptMessage() async throws {
        let spec = B.spec(
            [
                B.step(
                    "Bad", action: ActionRegistry.DataTransformationActionID.function,
                    parameters: ["script": "return nope.x"])
            ],
            start: ["Bad"])
        let summary = try await run(spec)
        #expect(summary.status == .stepError)
        #expect(summary.error?.message.contains("ReferenceError: Can't find variable: nope") == true)
    }

    @Test func anEndlessScriptFailsItsStepAndTheRunCarriesOnToTheFallback() async throws {
        let engine = JavaScriptEngine(limits: JavaScriptLimits(timeLimit: .milliseconds(200)))
        let spec = B.spec(
            [
                B.step(
                    "Spin", action: ActionRegistry.DataTransformationActionID.function,
                    parameters: ["script": "for (;;) {}"], fallback: "Recover"),
                B.step("Recover", action: "com.datadoghq.core.echo", parameters: ["value": "${ 'recovered' }"]),
            ], start: ["Spin"])
        let summary = try await run(spec, engine: engine)
        #expect(summary.status == .succeeded)
        #expect(summary.step(named: "Spin")?.error?.message.contains("time limit") == true)
        #expect(summary.step(named: "Recover")?.outputs == ["value": "recovered"])
    }

    @Test func scriptsOverTenKilobytesAreRefused() async throws {
        let script = "return 1;" + String(repeating: " ", count: 10_240)
        let spec = B.spec(
            [
                B.step(
                    "Big", action: ActionRegistry.DataTransformationActionID.function,
                    parameters: ["script": .string(script)])
            ],
            start: ["Big"])
        let summary = try await run(spec)
        #expect(summary.status == .stepError)
        #expect(summary.error?.message.contains("scripts are limited to 10240 bytes") == true)
    }

    @Test func aFailingTemplateIsAStepErrorAndWithoutAnEngineItIsUnsupported() async throws {
        let spec = B.spec(
            [B.step("Echo", action: "com.datadoghq.core.echo", parameters: ["value": "${ Trigger.x.y.z }"])],
            start: ["Echo"])
        let failed = try await run(spec)
        #expect(failed.status == .stepError)
        #expect(failed.error?.message.contains("parameter \"value\"") == true)
        #expect(failed.error?.message.contains("TypeError") == true)
        let unsupported = try await run(spec, evaluator: false)
        #expect(unsupported.error?.message.contains("JavaScript expressions are not supported yet") == true)
    }
}
