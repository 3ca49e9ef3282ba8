import Testing
import WorkflowActions
import WorkflowModel
import WorkflowRuntime

/// The runner's MongoDB and Temporal bundles are refused before a run starts, naming the step and why.
@Suite("Out-of-scope runner bundles")
struct OutOfScopeBundleTests {
    @Test(arguments: ["com.datadoghq.mongodb.find", "com.datadoghq.temporal.runWorkflow"])
    func aStepUsingThemIsRefusedWithTheReason(actionId: String) async throws {
        let steps = [WorkflowRun.step("Query", actionId, ["collection": "users"])]
        do {
            _ = try await WorkflowRun.run(steps)
            Issue.record("the run was not refused")
        } catch let error as RuntimeError {
            #expect(error.code == .unknownAction)
            #expect(
                error.message.hasPrefix("step \"Query\" uses action \"\(actionId)\", which is out of scope in Stepwise")
            )
            #expect(error.message.contains(actionId.hasPrefix("com.datadoghq.mongodb") ? "MongoDB" : "Temporal"))
        }
    }

    @Test func otherUnknownIdsKeepTheGeneralMessage() {
        #expect(ActionRegistry.outOfScopeReason(for: "com.datadoghq.mongodbx.find") == nil)
        #expect(
            ActionRegistry.unavailableMessage(step: "S", actionId: "com.example.nothing")
                == #"step "S" uses action "com.example.nothing", which is not available here"#)
    }
}
