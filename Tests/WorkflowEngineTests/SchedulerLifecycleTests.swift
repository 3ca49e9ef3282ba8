import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// One test per row of the step lifecycle table in ARCHITECTURE.md.
@Suite("Step lifecycle")
struct SchedulerLifecycleTests {
    typealias B = SpecBuilder

    @Test("row 1: start steps of the fired trigger run at once, concurrently")
    func startStepsRunTogether() throws {
        var run = try SchedulerHarness(B.spec([B.step("A"), B.step("B"), B.step("C")], start: ["A", "B"]))
        run.start()
        #expect(run.dispatched == ["A", "B"])
        #expect(run.phase("C") == .unreachable)
    }

    @Test("row 2: ALL merge runs once every inbound edge settled with one taken (dead if-branch)")
    func allMergeAfterIf() throws {
        let spec = B.spec(
            [
                B.step("If", next: [("Yes", "true"), ("No", "false")]),
                B.step("Yes", next: [("Join", "main")]),
                B.step("No", next: [("Join", "main")]),
                B.step("Join"),
            ], start: ["If"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("If", branch: "true")
        #expect(run.dispatched == ["Yes"])
        #expect(run.skipped == ["No"])
        #expect(run.phase("Join") == .pending)
        run.succeed("Yes")
        #expect(run.dispatched == ["Join"])
        run.succeed("Join")
        #expect(run.finished == .succeeded)
    }

    @Test("row 3: ANY merge runs on the first taken edge and never again")
    func anyMergeRunsOnce() throws {
        let spec = B.spec(
            [
                B.step("Start", next: [("A", "main"), ("B", "main")]),
                B.step("A", next: [("Join", "main")]),
                B.step("B", next: [("Join", "main")]),
                B.step("Join", any: true),
            ], start: ["Start"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("Start")
        run.succeed("A")
        #expect(run.dispatched == ["Join"])
        run.succeed("B")
        #expect(run.dispatched.isEmpty)
        run.succeed("Join")
        #expect(run.finished == .succeeded)
        let starts = run.journal.filter {
            if case .stepStarted("Join", _, _) = $0 { return true } else { return false }
        }
        #expect(starts.count == 1)
    }

    @Test("row 4: a dead path propagates through several steps, and an ALL merge does not wait for it")
    func deadPathPropagates() throws {
        let spec = B.spec(
            [
                B.step("If", next: [("Yes", "true"), ("No1", "false")]),
                B.step("No1", next: [("No2", "main")]),
                B.step("No2", next: [("No3", "main")]),
                B.step("No3", next: [("Join", "main")]),
                B.step("Yes", next: [("Join", "main")]),
                B.step("Join"),
            ], start: ["If"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("If", branch: "true")
        #expect(Set(run.skipped) == ["No1", "No2", "No3"])
        run.succeed("Yes")
        #expect(run.dispatched == ["Join"])
    }

    @Test("row 4: every inbound edge dead skips the merge and everything after it")
    func allDeadSkipsMerge() throws {
        let spec = B.spec(
            [
                B.step("If", next: [("A", "true"), ("B", "true")]),
                B.step("A", next: [("Join", "main")]),
                B.step("B", next: [("Join", "main")]),
                B.step("Join", next: [("After", "main")]),
                B.step("After"),
            ], start: ["If"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("If", branch: "false")
        #expect(Set(run.skipped) == ["A", "B", "Join", "After"])
        #expect(run.finished == .succeeded)
    }

    @Test("row 5: steps unreachable from the fired trigger are dead from the start; a merge does not wait for them")
    func unreachableStepsAreDead() throws {
        let spec = WorkflowSpec(
            steps: [
                B.step("FromApi", next: [("Join", "main")]),
                B.step("FromMonitor", next: [("Join", "main")]),
                B.step("Join"),
            ],
            triggers: [
                Trigger(kind: .api, startStepNames: ["FromApi"]),
                Trigger(kind: .monitor, startStepNames: ["FromMonitor"]),
            ])
        var run = try SchedulerHarness(spec, trigger: .api)
        run.start()
        run.succeed("FromApi")
        #expect(run.dispatched == ["Join"])
        #expect(run.phase("FromMonitor") == .unreachable)
        #expect(!run.skipped.contains("FromMonitor"))
    }

    @Test("row 6 and 7: dispatch journals the rendered inputs; success settles edges by branch")
    func dispatchAndSucceed() throws {
        let spec = B.spec(
            [
                B.step("Switch", next: [("Small", "small"), ("Large", "large"), ("Other", "default")]),
                B.step("Small"), B.step("Large"), B.step("Other"),
            ], start: ["Switch"])
        var run = try SchedulerHarness(spec)
        run.start()
        #expect(run.journal.first == .stepStarted(step: "Switch", attempt: 1, inputs: [:]))
        run.succeed("Switch", ["picked": "large"], branch: "large")
        #expect(run.dispatched == ["Large"])
        #expect(Set(run.skipped) == ["Small", "Other"])
        #expect(run.scheduler.outputs[run.index("Switch")] == ["picked": "large"])
    }

    @Test("row 11 and 9: a failure with retries left waits the interval, then runs again")
    func errorHandlerRetry() throws {
        let spec = B.spec(
            [
                B.step("Flaky", next: [("Next", "main")], fallback: "Fallback", retries: 2, interval: 3600),
                B.step("Next"), B.step("Fallback"),
            ], start: ["Flaky"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.fail("Flaky")
        #expect(run.timers == ["Flaky": .seconds(3600)])
        #expect(run.phase("Flaky") == .waiting)
        run.fire("Flaky")
        #expect(run.dispatched == ["Flaky"])
        #expect(run.scheduler.attempts(of: run.index("Flaky")) == 2)
        run.succeed("Flaky")
        #expect(run.dispatched == ["Next"])
        #expect(run.skipped == ["Fallback"])
    }

    @Test("row 12: retries exhausted take the fallback, which reads the failure")
    func retryThenFallback() throws {
        let spec = B.spec(
            [
                B.step("Flaky", next: [("Next", "main")], fallback: "Fallback", retries: 1),
                B.step("Next"), B.step("Fallback"),
            ], start: ["Flaky"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.fail("Flaky", "first")
        run.fire("Flaky")
        run.fail("Flaky", "second")
        #expect(run.dispatched == ["Fallback"])
        #expect(run.skipped == ["Next"])
        #expect(run.phase("Flaky") == .failed)
        let error = run.scheduler.outputs[run.index("Flaky")]["error"]
        #expect(error == ["message": "second", "code": "FAILED", "attempts": 2])
        run.succeed("Fallback")
        #expect(run.finished == .succeeded)
    }

    @Test("row 13: a failure without a handler ends the instance and cancels what runs and waits")
    func failureWithoutHandler() throws {
        let spec = B.spec(
            [
                B.step("Start", next: [("Fails", "main"), ("Sleeps", "main"), ("Backs off", "main")]),
                B.step("Fails", next: [("After", "main")]),
                B.step("Sleeps"),
                B.step("Backs off", fallback: "After", retries: 5),
                B.step("After", any: true),
            ], start: ["Start"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.succeed("Start")
        run.fail("Backs off")
        #expect(run.phase("Backs off") == .waiting)
        run.fail("Fails", "bad")
        #expect(run.finished == .stepError)
        #expect(Set(run.cancelled) == ["Sleeps", "Backs off"])
        #expect(run.phase("Sleeps") == .canceled)
        #expect(run.phase("After") == .pending)
        let last = run.journal.last
        #expect(
            last
                == .instanceFinished(
                    status: .stepError, outputs: .emptyObject,
                    error: InstanceFailure(step: "Fails", message: "bad", code: "FAILED")))
    }

    @Test("row 14: cancel stops running and waiting steps; the instance ends CANCELED")
    func cancel() throws {
        let spec = B.spec([B.step("A", next: [("B", "main")]), B.step("B")], start: ["A"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.send(.cancel)
        #expect(run.finished == .canceled)
        #expect(run.cancelled == ["A"])
        #expect(run.phase("A") == .canceled)
        run.send(.cancel)
        #expect(run.last.actions.isEmpty)
    }

    @Test("row 15: a completion after the end, or a stale timer, changes nothing")
    func staleEventsIgnored() throws {
        let spec = B.spec([B.step("A", fallback: "F", retries: 1), B.step("F")], start: ["A"])
        var run = try SchedulerHarness(spec)
        run.start()
        run.send(.stepCompleted(step: 0, attempt: 7, token: run.scheduler.token(of: 0), outcome: .succeeded()))
        #expect(run.phase("A") == .running)
        run.send(.stepCompleted(step: 0, attempt: 1, token: run.scheduler.token(of: 0) &+ 1, outcome: .succeeded()))
        #expect(run.phase("A") == .running)
        run.send(.timerFired(step: 0, attempt: 1, token: run.scheduler.token(of: 0)))
        #expect(run.last.actions.isEmpty)
        run.send(.cancel)
        run.succeed("A")
        #expect(run.last.actions.isEmpty && run.last.events.isEmpty)
    }

    @Test("row 17: an empty workflow succeeds at once")
    func emptyWorkflowSucceeds() throws {
        var run = try SchedulerHarness(
            WorkflowSpec(steps: [], triggers: [Trigger(kind: .workflow, startStepNames: [])]))
        run.start()
        #expect(run.finished == .succeeded)
    }

    static let gate = CompletionGate(
        completionCondition: CompletionCondition(
            operand1: "{{ Steps.Poll.state }}", operator: .equal, operand2: "done"),
        retryStrategy: .linear(interval: SpecDuration(seconds: 30), maxRetries: 2))

    @Test("row 8: a gate not met waits its interval, with the attempt's outputs journaled; row 9 runs it again")
    func gateWaits() throws {
        var run = try SchedulerHarness(
            B.spec([B.step("Poll", next: [("After", "main")], gate: Self.gate), B.step("After")], start: ["Poll"]))
        run.start()
        run.succeed("Poll", ["state": "pending"])
        #expect(run.phase("Poll") == .waiting)
        #expect(run.timers == ["Poll": .seconds(30)])
        #expect(
            run.last.events.contains(
                .stepAttemptOutputs(step: "Poll", attempt: 1, outputs: ["state": "pending"], branch: "main")))
        run.fire("Poll")
        #expect(run.dispatched == ["Poll"])
        run.succeed("Poll", ["state": "done"])
        #expect(run.dispatched == ["After"])
        #expect(run.phase("Poll") == .succeeded)
    }

    @Test("row 10: a gate still not met after its retries fails the step with the attempt count")
    func gateExhausted() throws {
        var run = try SchedulerHarness(B.spec([B.step("Poll", gate: Self.gate)], start: ["Poll"]))
        run.start()
        for _ in 0..<2 {
            run.succeed("Poll", ["state": "pending"])
            run.fire("Poll")
        }
        run.succeed("Poll", ["state": "pending"])
        #expect(run.phase("Poll") == .failed)
        #expect(run.finished == .stepError)
        #expect(
            run.scheduler.outputs[0]["error"]?["message"] == "completion condition not met after 3 attempts")
    }

    @Test("row 16: success renders the output schema; a value of the wrong type is INSTANCE_ERROR")
    func outputs() throws {
        let good = OutputParameter(name: "state", type: .string, value: "{{ Steps.A.state }}")
        let fallback = OutputParameter(name: "missing", type: .number, defaultValue: 7, value: "{{ Steps.A.nothing }}")
        var run = try SchedulerHarness(B.spec([B.step("A")], start: ["A"], outputs: [good, fallback]))
        run.start()
        run.succeed("A", ["state": "ok"])
        #expect(run.finished == .succeeded)
        #expect(
            run.journal.last
                == .instanceFinished(status: .succeeded, outputs: ["state": "ok", "missing": 7], error: nil))

        let wrong = OutputParameter(name: "count", type: .number, value: "{{ Steps.A.state }}")
        var bad = try SchedulerHarness(B.spec([B.step("A")], start: ["A"], outputs: [wrong]))
        bad.start()
        bad.succeed("A", ["state": "ok"])
        #expect(bad.finished == .instanceError)
        guard case .instanceFinished(.instanceError, _, let error?) = bad.journal.last else {
            Issue.record("expected INSTANCE_ERROR")
            return
        }
        #expect(error.message == #"output "count" must be a number (NUMBER), got string"#)
    }

    /// `Loop` over `[x, y]`: body `A` (→ `Stop`, a break, on `true`) and `B`; then `After` on `main`.
    static let loopSpec = B.spec(
        [
            B.step(
                "Loop", action: LoopStructure.Control.forLoopId,
                next: [("A", "loopStart"), ("B", "loopStart"), ("After", "main")],
                parameters: ["inputList": ["x", "y"]]),
            B.step("A", action: "com.datadoghq.core.if", next: [("Stop", "true")]),
            B.step("Stop", action: LoopStructure.Control.breakId), B.step("B"), B.step("After"),
        ], start: ["Loop"])

    @Test("row 18: a loop step enters iteration 0 through loopStart; it runs no action and stays running")
    func loopStarts() throws {
        var run = try SchedulerHarness(Self.loopSpec)
        run.start()
        #expect(run.dispatched == ["A", "B"])
        #expect(run.phase("Loop") == .running)
        #expect(run.journal.contains(.loopIterationStarted(step: "Loop", index: 0, body: ["A", "Stop", "B"])))
    }

    @Test("row 19: the last body step to settle starts the next iteration, then the loop succeeds on main")
    func loopIterates() throws {
        var run = try SchedulerHarness(Self.loopSpec)
        run.start()
        run.succeed("A", branch: "false")
        #expect(run.dispatched.isEmpty)
        run.succeed("B")
        #expect(run.dispatched == ["A", "B"])
        run.succeed("B")
        run.succeed("A", branch: "false")
        #expect(run.phase("Loop") == .succeeded)
        #expect(run.dispatched == ["After"])
    }

    @Test("row 20: a body step failing without a fallback cancels the iteration and fails the loop step")
    func loopFails() throws {
        var run = try SchedulerHarness(Self.loopSpec)
        run.start()
        run.fail("B")
        #expect(run.phase("A") == .canceled)
        #expect(run.phase("Loop") == .failed)
        #expect(run.finished == .stepError)
    }

    @Test("row 21: a break succeeds at once; the loop ends when its iteration has settled")
    func loopBreaks() throws {
        var run = try SchedulerHarness(Self.loopSpec)
        run.start()
        run.succeed("A", branch: "true")
        #expect(run.phase("Stop") == .succeeded)
        #expect(run.phase("Loop") == .running)
        run.succeed("B")
        #expect(run.phase("Loop") == .succeeded)
        #expect(run.scheduler.outputs[run.index("Loop")]["data"]?.arrayValue?.count == 1)
    }
}
