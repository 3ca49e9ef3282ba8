import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// Loops as scheduler control flow: each decision of docs/loops.md has a test here.
@Suite("Loops")
struct SchedulerLoopTests {
    typealias B = SpecBuilder
    static let forLoop = LoopStructure.Control.forLoopId
    static let whileLoop = LoopStructure.Control.whileLoopId
    static let loopBreak = LoopStructure.Control.breakId

    /// `Loop` over `items` with body `Work` (reads `Current`) → `Check`, then `After`.
    static func simpleLoop(_ items: JSONValue, workFallback: String? = nil, extra: [Step] = []) -> WorkflowSpec {
        B.spec(
            [
                B.step(
                    "Loop", action: forLoop, next: [("Work", "loopStart"), ("After", "main")],
                    parameters: ["inputList": items]),
                B.step(
                    "Work", action: "com.datadoghq.core.echo", next: [("Check", "main")],
                    parameters: ["value": "{{ Current.Value }}#{{ Current.Index }}"], fallback: workFallback),
                B.step("Check", parameters: ["previous": "{{ Steps.Work.value }}"]),
                B.step("After", parameters: ["last": "{{ Steps.Work.value }}", "all": "{{ Steps.Loop.data }}"]),
            ] + extra, start: ["Loop"])
    }

    func inputs(of name: String, in run: SchedulerHarness) -> [[String: JSONValue]] {
        run.journal.compactMap { event in
            if case .stepStarted(name, _, let inputs) = event { return inputs } else { return nil }
        }
    }

    @Test("iterations run in order, one at a time, with Current.Value and Current.Index; data is by step name")
    func sequentialIterations() throws {
        var run = try SchedulerHarness(Self.simpleLoop(["a", "b"]))
        run.start()
        #expect(run.dispatched == ["Work"])
        #expect(run.phase("Loop") == .running)
        #expect(inputs(of: "Work", in: run).last == ["value": "a#0"])
        run.succeed("Work", ["value": "A"])
        #expect(run.dispatched == ["Check"])
        #expect(inputs(of: "Check", in: run).last == ["previous": "A"])
        run.succeed("Check", ["ok": true])
        // Iteration 1 starts only now, and Steps.Work is reset for it.
        #expect(run.dispatched == ["Work"])
        #expect(inputs(of: "Work", in: run).last == ["value": "b#1"])
        run.succeed("Work", ["value": "B"])
        run.succeed("Check")
        #expect(run.dispatched == ["After"])
        let data: JSONValue = [
            ["Work": ["value": "A"], "Check": ["ok": true]], ["Work": ["value": "B"], "Check": [:]],
        ]
        #expect(run.scheduler.outputs[run.index("Loop")] == ["data": data])
        // After the loop, Steps.<body step> is the last iteration's.
        #expect(inputs(of: "After", in: run).last == ["last": "B", "all": data])
        run.succeed("After")
        #expect(run.finished == .succeeded)
        let iterations = run.journal.compactMap { event -> Int? in
            if case .loopIterationStarted("Loop", let index, let body) = event, body == ["Work", "Check"] {
                return index
            }
            return nil
        }
        #expect(iterations == [0, 1])
    }

    @Test("an empty inputList runs no iteration: the body is skipped and data is []")
    func emptyList() throws {
        var run = try SchedulerHarness(Self.simpleLoop([]))
        run.start()
        #expect(run.dispatched == ["After"])
        #expect(Set(run.skipped) == ["Work", "Check"])
        #expect(run.scheduler.outputs[run.index("Loop")] == ["data": []])
    }

    @Test(
        "inputList must be an array of at most 2000 items",
        arguments: [
            (JSONValue.string("x"), #"input "inputList" must be an array, got string"#),
            (
                JSONValue.array(Array(repeating: 1, count: 2001)),
                #"input "inputList" has 2001 items; a for loop accepts an input list of up to 2000 items"#
            ),
            (JSONValue.null, #"input "inputList" is required"#),
        ])
    func badInputList(value: JSONValue, message: String) throws {
        var run = try SchedulerHarness(Self.simpleLoop(value))
        run.start()
        #expect(run.finished == .stepError)
        #expect(run.scheduler.outputs[run.index("Loop")]["error"]?["message"] == .string(message))
        #expect(run.scheduler.outputs[run.index("Loop")]["error"]?["code"] == "INVALID_INPUT")
    }

    @Test("a list of exactly 2000 items runs 2000 iterations")
    func twoThousand() throws {
        var run = try SchedulerHarness(Self.simpleLoop(.array(Array(repeating: 1, count: 2000))))
        run.start()
        for _ in 0..<2000 {
            run.succeed("Work", ["value": 1])
            run.succeed("Check")
        }
        run.succeed("After")
        #expect(run.finished == .succeeded)
        #expect(run.scheduler.outputs[run.index("Loop")]["data"]?.arrayValue?.count == 2000)
    }

    @Test("a body step failing without a handler cancels its iteration and fails the loop: STEP_ERROR")
    func bodyFailure() throws {
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: Self.forLoop, next: [("A", "loopStart"), ("B", "loopStart")],
                    parameters: ["inputList": [1, 2]]),
                B.step("A"), B.step("B"),
            ], start: ["Loop"])
        var run = try SchedulerHarness(spec)
        run.start()
        #expect(run.dispatched == ["A", "B"])
        run.fail("A", "no disk")
        #expect(run.phase("A") == .failed)
        #expect(run.phase("B") == .canceled)
        #expect(run.cancelled.contains("B"))
        #expect(run.phase("Loop") == .failed)
        #expect(run.finished == .stepError)
        guard case .instanceFinished(.stepError, _, let error?) = run.journal.last else {
            Issue.record("expected STEP_ERROR")
            return
        }
        #expect(error.step == "Loop")
        #expect(error.message == #"iteration 0: step "A" failed: no disk"#)
    }

    @Test("the loop step's own error handler catches a body failure: its fallback runs")
    func loopFallback() throws {
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: Self.forLoop, next: [("A", "loopStart"), ("After", "main")],
                    parameters: ["inputList": [1, 2]], fallback: "Rescue"),
                B.step("A"), B.step("After"), B.step("Rescue", parameters: ["why": "{{ Steps.Loop.error.message }}"]),
            ], start: ["Loop"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("A")
        run.fail("A", "second")
        #expect(run.dispatched == ["Rescue"])
        #expect(inputs(of: "Rescue", in: run).last == ["why": #"iteration 1: step "A" failed: second"#])
        #expect(run.skipped == ["After"])
        run.succeed("Rescue")
        #expect(run.finished == .succeeded)
    }

    @Test("a body step with an error handler takes its fallback inside the iteration; the loop goes on")
    func fallbackInsideIteration() throws {
        let spec = Self.simpleLoop(["a", "b"], workFallback: "Mend", extra: [B.step("Mend")])
        var run = try SchedulerHarness(spec)
        run.start()
        run.fail("Work")
        #expect(run.dispatched == ["Mend"])
        #expect(run.skipped == ["Check"])
        run.succeed("Mend", ["mended": true])
        #expect(run.dispatched == ["Work"])
        run.succeed("Work", ["value": "B"])
        run.succeed("Check")
        let first = run.scheduler.outputs[run.index("Loop")]["data"]?.arrayValue?.first
        #expect(first?["Mend"] == ["mended": true])
        #expect(first?["Work"]?["error"]?["message"] == "boom")
        #expect(run.dispatched == ["After"])
    }

    @Test("break ends the loop once the current iteration has settled; the loop succeeds with the iterations so far")
    func breakEndsLoop() throws {
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: Self.forLoop,
                    next: [
                        ("If", "loopStart"), ("Slow", "loopStart"),
                        ("After", "main"),
                    ],
                    parameters: ["inputList": [1, 2, 3]]),
                B.step("If", action: "com.datadoghq.core.if", next: [("Stop", "true")]),
                B.step("Stop", action: Self.loopBreak), B.step("Slow"), B.step("After"),
            ], start: ["Loop"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("If", branch: "false")
        run.succeed("Slow", ["n": 0])
        #expect(run.skipped == ["Stop"])
        run.succeed("If", branch: "true")
        #expect(run.phase("Stop") == .succeeded)
        // Slow is still running: the loop waits for it.
        #expect(run.phase("Loop") == .running)
        #expect(run.dispatched.isEmpty)
        run.succeed("Slow", ["n": 1])
        #expect(run.dispatched == ["After"])
        let data = run.scheduler.outputs[run.index("Loop")]["data"]?.arrayValue
        #expect(data?.count == 2)
        #expect(data?.last?["Stop"] == [:])
    }

    /// `While` runs `Count` while `Steps.Count.n` (or, before the first, `Current.Index`) is below `limit`.
    static func whileSpec(limit: JSONValue) -> WorkflowSpec {
        B.spec(
            [
                B.step(
                    "While", action: whileLoop, next: [("Count", "loopStart"), ("After", "main")],
                    parameters: [
                        "conditions": [
                            ["operand1": "{{ Current.Index }}", "operator": "OPERATOR_LESS_THAN", "operand2": limit]
                        ],
                        "joinOperator": "and",
                    ]),
                B.step("Count", action: "com.datadoghq.core.echo", parameters: ["value": "{{ Current.Index }}"]),
                B.step("After"),
            ], start: ["While"])
    }

    @Test("whileLoop re-evaluates its conditions before each iteration")
    func whileLoopRuns() throws {
        var run = try SchedulerHarness(Self.whileSpec(limit: 3))
        run.start()
        for index in 0..<3 {
            #expect(run.dispatched == ["Count"])
            #expect(inputs(of: "Count", in: run).last == ["value": .number(Double(index))])
            run.succeed("Count", ["value": .number(Double(index))])
        }
        #expect(run.dispatched == ["After"])
        #expect(run.scheduler.outputs[run.index("While")]["data"]?.arrayValue?.count == 3)
    }

    @Test("whileLoop fails after 2000 iterations whose conditions still hold")
    func whileLoopLimit() throws {
        var run = try SchedulerHarness(Self.whileSpec(limit: 5000))
        run.start()
        for _ in 0..<2000 { run.succeed("Count") }
        #expect(run.finished == .stepError)
        #expect(
            run.scheduler.outputs[run.index("While")]["error"]?["message"]
                == "while loop reached its limit of 2000 iterations and its conditions still hold")
    }

    @Test("whileLoop conditions that cannot be evaluated fail the loop step")
    func whileLoopBadCondition() throws {
        var run = try SchedulerHarness(Self.whileSpec(limit: ["not": "a number"]))
        run.start()
        #expect(run.finished == .stepError)
        #expect(run.scheduler.outputs[run.index("While")]["error"]?["code"] == "CONDITION_ERROR")
    }

    @Test("a completion gate on the loop step reads its data; not met, the whole loop runs again after the interval")
    func gatedLoop() throws {
        let gate = CompletionGate(
            completionCondition: CompletionCondition(
                operand1: "{{ Steps.Work.value }}", operator: .equal, operand2: "done"),
            retryStrategy: RetryStrategy.linear(interval: SpecDuration(seconds: 5), maxRetries: 2))
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: Self.forLoop, next: [("Work", "loopStart")], parameters: ["inputList": [1]],
                    gate: gate),
                B.step("Work"),
            ], start: ["Loop"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("Work", ["value": "pending"])
        #expect(run.phase("Loop") == .waiting)
        #expect(run.timers == ["Loop": .seconds(5)])
        run.fire("Loop")
        #expect(run.dispatched == ["Work"])
        run.succeed("Work", ["value": "done"])
        #expect(run.phase("Loop") == .succeeded)
        #expect(run.finished == .succeeded)
    }
}
