import Foundation
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Loops through the runtime")
struct LoopResumeTests {
    @Test("an instance suspended in the middle of a loop iteration resumes there and finishes every iteration once")
    func suspendMidLoop() async throws {
        let spec = SpecBuilder.spec(
            [
                SpecBuilder.step(
                    "Loop", action: CoreActionID.forLoop, next: [("Echo", "loopStart"), ("After", "main")],
                    parameters: ["inputList": ["a", "b", "c"]]),
                SpecBuilder.step(
                    "Echo", action: CoreActionID.echo, next: [("Wait", "main")],
                    parameters: ["value": "{{ Current.Value }}"]),
                SpecBuilder.step("Wait", action: CoreActionID.sleep, parameters: ["durationSeconds": 60]),
                SpecBuilder.step("After", action: CoreActionID.echo, parameters: ["value": "{{ Steps.Loop.data }}"]),
            ], start: ["Loop"])
        let run = try await SuspendResumeScenario.run(spec)
        #expect(run.suspended == 1)
        let left = try #require(run.left)
        #expect(left.steps.map(\.name) == ["Loop", "Echo", "Wait"])
        #expect(left.steps.map(\.iteration) == [nil, 0, 0])
        #expect(run.resumed == [run.id])
        #expect(run.status == .succeeded)
        let done = try #require(run.done)
        let rows = done.steps.map { "\($0.name)#\($0.iteration.map(String.init) ?? "-")=\($0.attempts)" }
        #expect(
            rows == ["Loop#-=1", "Echo#0=1", "Wait#0=1", "Echo#1=1", "Wait#1=1", "Echo#2=1", "Wait#2=1", "After#-=1"])
        let values = (done.step(named: "After")?.outputs?["value"]?.arrayValue ?? []).map { $0["Echo"]?["value"] }
        #expect(values == ["a", "b", "c"])
    }
}
