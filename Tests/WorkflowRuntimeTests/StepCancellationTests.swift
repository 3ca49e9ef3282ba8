import Foundation
import Synchronization
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// A body step the scheduler cancels stops at once, and a completion from an earlier dispatch is never credited
/// to a later one.
@Suite("Step cancellation")
struct StepCancellationTests {
    typealias B = SpecBuilder

    /// What the slow step saw, shared with the step that inspects it.
    final class Probe: Sendable {
        let calls = Mutex(0)
        let cancelled = Atomic(false)
        let secondStarted = Atomic(false)
        let firstReturned = Atomic(false)
    }

    /// Polls `condition` for up to `limit` (real time; the condition is met in milliseconds when things work).
    static func eventually(_ limit: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    /// A loop whose body runs `Slow` beside `Fail`; the loop's error handler retries `retries` times, then
    /// falls back to `Check`.
    static func spec(retries: Int) -> WorkflowSpec {
        B.spec(
            [
                B.step(
                    "Loop", action: CoreActionID.forLoop, next: [("Slow", "loopStart"), ("Fail", "loopStart")],
                    parameters: ["inputList": ["x"]], fallback: "Check", retries: retries, interval: 0),
                B.step("Slow", action: "test.slow"),
                B.step("Fail", action: "test.fail"),
                B.step("Check", action: "test.check"),
            ], start: ["Loop"])
    }

    @Test("a body step canceled because its iteration failed stops while the instance goes on")
    func canceledBodyStepStops() async throws {
        let probe = Probe()
        var registry = ActionRegistry.core()
        registry.register(
            "test.slow",
            ScriptedAction { _ throws(ActionError) in
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    probe.cancelled.store(true, ordering: .releasing)
                    throw ActionError(.canceled, "canceled")
                }
                return ActionResult(outputs: ["late": true])
            })
        registry.register("test.fail", ScriptedAction { _ throws(ActionError) in throw ActionError(.failed, "boom") })
        registry.register(
            "test.check",
            ScriptedAction { _ throws(ActionError) in
                // Runs after the loop failed: the body's Slow step must have been stopped by then, not at the end.
                let stopped = await Self.eventually { probe.cancelled.load(ordering: .acquiring) }
                return ActionResult(outputs: ["slowStopped": .bool(stopped)])
            })
        let summary = try await RuntimeHarness(registry: registry, clock: ContinuousClock()).run(Self.spec(retries: 0))
        #expect(summary.status == .succeeded)
        #expect(summary.step(named: "Slow")?.state == .canceled)
        #expect(summary.step(named: "Check")?.outputs?["slowStopped"] == true)
    }

    @Test("a completion from the loop's first attempt is not credited to its retry")
    func staleCompletionDropped() async throws {
        let probe = Probe()
        let failures = Mutex(1)
        var registry = ActionRegistry.core()
        registry.register(
            "test.slow",
            ScriptedAction { _ throws(ActionError) in
                let call = probe.calls.withLock { calls in
                    calls += 1
                    return calls
                }
                if call == 1 {
                    // Ignores cancellation, as a step that cannot be interrupted: it answers once the retry's
                    // dispatch of the same step is running.
                    _ = await Self.eventually { probe.secondStarted.load(ordering: .acquiring) }
                    probe.firstReturned.store(true, ordering: .releasing)
                    return ActionResult(outputs: ["from": "first"])
                }
                probe.secondStarted.store(true, ordering: .releasing)
                _ = await Self.eventually { probe.firstReturned.load(ordering: .acquiring) }
                try? await Task.sleep(for: .milliseconds(50))
                return ActionResult(outputs: ["from": "second"])
            })
        registry.register(
            "test.fail",
            ScriptedAction { _ throws(ActionError) in
                let fail = failures.withLock { remaining in
                    defer { remaining -= 1 }
                    return remaining > 0
                }
                if fail { throw ActionError(.failed, "boom") }
                return ActionResult(outputs: [:])
            })
        registry.register("test.check", ScriptedAction { _ throws(ActionError) in ActionResult(outputs: [:]) })
        let summary = try await RuntimeHarness(registry: registry, clock: ContinuousClock()).run(Self.spec(retries: 1))
        #expect(summary.status == .succeeded)
        let loop = try #require(summary.step(named: "Loop"))
        #expect(loop.state == .succeeded)
        let data = loop.outputs?["data"]?.arrayValue ?? []
        #expect(data.map { $0["Slow"]?["from"] } == ["second"])
    }
}
