import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// Restoring a scheduler from any committed prefix of its journal gives the state the live scheduler had then.
@Suite("Replay from the journal")
struct SchedulerReplayTests {
    typealias B = SpecBuilder

    /// Drives a harness with `script`, which checkpoints after every turn, then restores from each checkpoint's
    /// journal prefix.
    func checkEveryPrefix(_ spec: WorkflowSpec, script: (inout SchedulerHarness) -> Void) throws {
        var run = try SchedulerHarness(spec)
        script(&run)
        let checkpoints = run.checkpoints
        #expect(checkpoints.count > 2)
        for checkpoint in checkpoints {
            let prefix = Array(run.journal.prefix(checkpoint.count))
            let (restored, resumption) = Scheduler.restoring(
                plan: run.scheduler.plan, trigger: .workflow, context: InstanceContext(instanceId: "i-1"),
                journal: prefix)
            let phases = (0..<checkpoint.phases.count).map { restored.phase(of: $0) }
            #expect(phases == checkpoint.phases, "after \(checkpoint.count) events")
            #expect(restored.outputs == checkpoint.outputs, "after \(checkpoint.count) events")
            #expect(restored.status == checkpoint.status)
            #expect(restored.context.variables == checkpoint.variables)
            #expect(resumption.finished == (checkpoint.status != .inProgress))
            // A loop step is running while its body iterates, but it has no action of its own to run again.
            let running = phases.indices.filter {
                phases[$0] == .running && run.scheduler.plan.steps[$0].control == nil
            }
            #expect(resumption.rerun.map(\.step).sorted() == running)
            let waiting = phases.indices.filter { phases[$0] == .waiting }
            #expect(resumption.timers.map(\.step).sorted() == waiting)
        }
    }

    @Test("a fan-out with an ALL merge, at every prefix")
    func fanOut() throws {
        try checkEveryPrefix(B.fanOut(4)) { run in
            run.start()
            for name in ["Start", "W2", "W0", "W3", "W1", "Join"] { run.succeed(name, ["from": .string(name)]) }
        }
    }

    @Test("an if branch with skipped steps, variables and an ANY merge, at every prefix")
    func branches() throws {
        let spec = B.spec(
            [
                B.step("If", next: [("Yes", "true"), ("No", "false")]),
                B.step("Yes", next: [("Join", "main")]), B.step("No", next: [("Join", "main")]),
                B.step("Join", any: true),
            ], start: ["If"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.send(
                .stepCompleted(
                    step: 0, attempt: 1, token: run.scheduler.token(of: 0),
                    outcome: .succeeded(outputs: [:], branch: "true", variables: ["v": 1])))
            run.succeed("Yes", ["y": true])
            run.succeed("Join")
        }
    }

    @Test("error-handler retries, a timer, then the fallback, at every prefix")
    func retriesAndFallback() throws {
        let spec = B.spec(
            [
                B.step("Flaky", next: [("Next", "main")], fallback: "Fallback", retries: 2, interval: 60),
                B.step("Next"), B.step("Fallback"),
            ], start: ["Flaky"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.fail("Flaky", "one")
            run.fire("Flaky")
            run.fail("Flaky", "two")
            run.fire("Flaky")
            run.fail("Flaky", "three")
            run.succeed("Fallback")
        }
    }

    @Test("a completion gate met on the third attempt, at every prefix")
    func completionGate() throws {
        let gate = CompletionGate(
            completionCondition: CompletionCondition(
                operand1: "{{ Steps.Poll.state }}", operator: .equal, operand2: "done"),
            retryStrategy: .linear(interval: SpecDuration(seconds: 30), maxRetries: 5))
        let spec = B.spec([B.step("Poll", next: [("After", "main")], gate: gate), B.step("After")], start: ["Poll"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.succeed("Poll", ["state": "pending"])
            run.fire("Poll")
            run.succeed("Poll", ["state": "pending"])
            run.fire("Poll")
            run.succeed("Poll", ["state": "done"])
            run.succeed("After")
        }
    }

    @Test("a cancel in the middle, at every prefix")
    func cancel() throws {
        try checkEveryPrefix(B.fanOut(3)) { run in
            run.start()
            run.succeed("Start")
            run.succeed("W1")
            run.send(.cancel)
        }
    }

    @Test("a forLoop with a retried body failure, a fallback inside an iteration, then main, at every prefix")
    func forLoop() throws {
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: LoopStructure.Control.forLoopId, next: [("Work", "loopStart"), ("After", "main")],
                    parameters: ["inputList": ["a", "b", "c"]]),
                B.step(
                    "Work", next: [("Check", "main")], parameters: ["item": "{{ Current.Value }}"], fallback: "Mend",
                    retries: 1),
                B.step("Check", parameters: ["work": "{{ Steps.Work }}"]), B.step("Mend"),
                B.step("After", parameters: ["data": "{{ Steps.Loop.data }}"]),
            ], start: ["Loop"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.succeed("Work", ["n": 0])
            run.succeed("Check")
            run.fail("Work")
            run.fire("Work")
            run.fail("Work")
            run.succeed("Mend", ["mended": true])
            run.succeed("Work", ["n": 2])
            run.succeed("Check")
            run.succeed("After")
            #expect(run.scheduler.status == .succeeded)
            #expect(run.scheduler.outputs[run.index("Loop")]["data"]?.arrayValue?.count == 3)
        }
    }

    @Test("a loop whose body fails (a parallel body step canceled) and whose own fallback runs, at every prefix")
    func loopFailure() throws {
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: LoopStructure.Control.forLoopId, next: [("A", "loopStart"), ("B", "loopStart")],
                    parameters: ["inputList": [1, 2]], fallback: "Rescue"),
                B.step("A"), B.step("B"), B.step("Rescue"),
            ], start: ["Loop"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.succeed("A")
            run.succeed("B")
            run.fail("A")
            #expect(run.phase("B") == .canceled)
            run.succeed("Rescue")
            #expect(run.scheduler.status == .succeeded)
        }
    }

    @Test("a whileLoop ended by a break, at every prefix")
    func whileLoopBreak() throws {
        let spec = B.spec(
            [
                B.step(
                    "While", action: LoopStructure.Control.whileLoopId, next: [("If", "loopStart"), ("After", "main")],
                    parameters: ["conditions": [["comparisonOperator": "nonnull", "value": "{{ Current.Index }}"]]]),
                B.step("If", action: "com.datadoghq.core.if", next: [("Stop", "true")]),
                B.step("Stop", action: LoopStructure.Control.breakId), B.step("After"),
            ], start: ["While"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.succeed("If", branch: "false")
            run.succeed("If", branch: "false")
            run.succeed("If", branch: "true")
            run.succeed("After")
            #expect(run.scheduler.status == .succeeded)
            #expect(run.scheduler.outputs[run.index("While")]["data"]?.arrayValue?.count == 3)
        }
    }

    @Test("a loop whose completion gate is not met the first time runs again, at every prefix")
    func gatedLoop() throws {
        let gate = CompletionGate(
            completionCondition: CompletionCondition(operand1: "{{ Steps.Work.value }}", operator: .equal, operand2: 2),
            retryStrategy: .linear(interval: SpecDuration(seconds: 5), maxRetries: 2))
        let spec = B.spec(
            [
                B.step(
                    "Loop", action: LoopStructure.Control.forLoopId, next: [("Work", "loopStart")],
                    parameters: ["inputList": [1, 2]], gate: gate),
                B.step("Work"),
            ], start: ["Loop"])
        try checkEveryPrefix(spec) { run in
            run.start()
            run.succeed("Work", ["value": 1])
            run.succeed("Work", ["value": 1])
            run.fire("Loop")
            run.succeed("Work", ["value": 1])
            run.succeed("Work", ["value": 2])
            #expect(run.scheduler.status == .succeeded)
        }
    }
}
