import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// Every dispatch carries a token its completion must echo: answers to an earlier dispatch of the same step and
/// attempt number (a loop body runs again from attempt 1 in each loop attempt) are dropped.
@Suite("Dispatch tokens")
struct SchedulerDispatchTokenTests {
    typealias B = SpecBuilder

    /// A loop whose body runs `Slow` beside `Fail`; the loop's error handler retries it once, then `Done`.
    static let spec = B.spec(
        [
            B.step(
                "Loop", action: LoopStructure.Control.forLoopId, next: [("Slow", "loopStart"), ("Fail", "loopStart")],
                parameters: ["inputList": ["x"]], fallback: "Done", retries: 1, interval: 5),
            B.step("Slow"),
            B.step("Fail"),
            B.step("Done"),
        ], start: ["Loop"])

    func dispatch(_ name: String, in run: SchedulerHarness) -> StepDispatch? {
        for case .runStep(let dispatch) in run.last.actions where dispatch.step == run.index(name) { return dispatch }
        return nil
    }

    @Test("each dispatch gets a new token, and cancelStep names the token of the dispatch it stops")
    func tokensAreDistinct() throws {
        var run = try SchedulerHarness(Self.spec)
        run.start()
        let slow = try #require(dispatch("Slow", in: run))
        let fail = try #require(dispatch("Fail", in: run))
        #expect(slow.token != fail.token)
        run.fail("Fail")
        var cancelled: [UInt32] = []
        for case .cancelStep(let step, _, let token) in run.last.actions where step == run.index("Slow") {
            cancelled.append(token)
        }
        #expect(cancelled == [slow.token])
        #expect(run.timers == ["Loop": .seconds(5)])
    }

    @Test("a completion from the loop's first attempt does not complete the retry's dispatch of the same step")
    func staleCompletionAfterLoopRetry() throws {
        var run = try SchedulerHarness(Self.spec)
        run.start()
        let first = try #require(dispatch("Slow", in: run))
        run.fail("Fail")
        run.fire("Loop")
        let second = try #require(dispatch("Slow", in: run))
        #expect(second.attempt == first.attempt)
        #expect(second.token != first.token)
        run.send(
            .stepCompleted(
                step: first.step, attempt: first.attempt, token: first.token, outcome: .succeeded(["from": "first"])))
        #expect(run.phase("Slow") == .running)
        #expect(run.last.events.isEmpty)
        run.succeed("Slow", ["from": "second"])
        run.succeed("Fail")
        #expect(run.phase("Loop") == .succeeded)
        #expect(run.scheduler.outputs[run.index("Loop")]["data"] == [["Slow": ["from": "second"], "Fail": [:]]])
    }

    @Test("a timer from an earlier dispatch does not wake the current wait")
    func staleTimerDropped() throws {
        let spec = B.spec([B.step("A", fallback: "F", retries: 2, interval: 5), B.step("F")], start: ["A"])
        var run = try SchedulerHarness(spec)
        run.start()
        let firstToken = run.scheduler.token(of: 0)
        run.fail("A")
        run.send(.timerFired(step: 0, attempt: 1, token: firstToken &+ 7))
        #expect(run.phase("A") == .waiting)
        run.fire("A")
        #expect(run.phase("A") == .running)
        #expect(run.scheduler.token(of: 0) != firstToken)
    }
}
