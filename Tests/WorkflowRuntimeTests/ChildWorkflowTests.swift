import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

@Suite("Child workflows (triggerWorkflow, triggerWorkflowAsync) on a real SQLite file")
struct ChildWorkflowTests {
    /// A child that greets its `name` input: output `greeting`.
    static let greeter = SpecBuilder.spec(
        [
            SpecBuilder.step(
                "Greet", action: CoreActionID.echo, parameters: ["value": "hello {{ Trigger.name }}"])
        ], start: ["Greet"],
        outputs: [OutputParameter(name: "greeting", type: .string, value: "{{ Steps.Greet.value }}")],
        inputs: [
            InputParameter(name: "name", type: .string), InputParameter(name: "count", type: .number, defaultValue: 1),
        ])

    @Test("the parent waits for the child; the step's outputs are {instanceId, workflowId, workflowOutputs}")
    func waitsForChild() async throws {
        let harness = try ChildWorkflowHarness()
        let child = try await harness.storeWorkflow("Greeter", Self.greeter)
        let parent = try await harness.storeWorkflow(
            "Parent",
            SpecBuilder.spec(
                [ChildWorkflowHarness.trigger("Call", workflow: child, inputs: ["name": "{{ Trigger.who }}"])],
                start: ["Call"],
                outputs: [
                    OutputParameter(
                        name: "said", type: .string, value: "{{ Steps.Call.workflowOutputs.greeting }}")
                ], inputs: [InputParameter(name: "who", type: .string, defaultValue: "Ada")]))
        let summary = try await harness.runToEnd(parent)
        let id = summary.id
        #expect(summary.status == .succeeded)
        #expect(summary.outputs == ["said": "hello Ada"])
        let call = try #require(summary.step(named: "Call")?.outputs)
        let childId = try #require(call["instanceId"]?.stringValue)
        #expect(call["workflowId"] == .string(child))
        #expect(call["workflowOutputs"] == ["greeting": "hello Ada"])
        let childSummary = try #require(try await harness.store.instance(id: childId))
        #expect(childSummary.status == .succeeded)
        #expect(childSummary.workflowId == child)
        #expect(childSummary.inputs == ["name": "Ada", "count": 1])
        #expect(childSummary.sourceKind == "workflow")
        #expect(childSummary.source["parentInstanceId"] == .string(id))
        #expect(
            childSummary.parent
                == ParentInstance(instanceId: id, workflowId: parent, stepName: "Call", chain: ["Parent"]))
        #expect(try await harness.instances().map(\.id) == [childId, id])
    }

    @Test("triggerWorkflowAsync returns at once with the child's instanceId; the child runs on")
    func asyncReturnsAtOnce() async throws {
        let harness = try ChildWorkflowHarness()
        let child = try await harness.storeWorkflow("Sleeper", ChildWorkflowHarness.sleepingChild)
        let parent = try await harness.storeWorkflow(
            "Parent",
            SpecBuilder.spec([ChildWorkflowHarness.trigger("Kick", workflow: child, waits: false)], start: ["Kick"]))
        let clock = ManualClock()
        let executor = harness.executor(clock: clock)
        async let running: Void = executor.run()
        let id = try await harness.start(parent, on: executor)
        #expect(await executor.wait(for: id) == .succeeded)
        let outputs = try #require(try await harness.store.instance(id: id)?.step(named: "Kick")?.outputs)
        let childId = try #require(outputs["instanceId"]?.stringValue)
        #expect(outputs == ["instanceId": .string(childId), "workflowId": .string(child)])
        #expect(try await harness.store.instance(id: childId)?.status == .inProgress)
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(60))
        #expect(await executor.wait(for: childId) == .succeeded)
        await executor.shutdown()
        await running
    }

    @Test("a failed child fails the step with a message naming the child instance and its error")
    func childFailure() async throws {
        let harness = try ChildWorkflowHarness()
        let child = try await harness.storeWorkflow(
            "Breaker",
            SpecBuilder.spec(
                [SpecBuilder.step("Boom", action: CoreActionID.error, parameters: ["message": "disk on fire"])],
                start: ["Boom"]))
        let (summary, childId) = try await runParent(harness, [ChildWorkflowHarness.trigger("Call", workflow: child)])
        #expect(summary.status == .stepError)
        let error = try #require(summary.step(named: "Call")?.error)
        #expect(error.code == "FAILED")
        let id = try #require(childId)
        #expect(
            error.message
                == "child workflow \"Breaker\" (instance \(id)) failed at step \"Boom\": disk on fire (FAILED)")
        #expect(try await harness.store.instance(id: id)?.status == .stepError)
    }

    @Test("inputs are checked against the child's input schema with the run-start messages")
    func inputTypeError() async throws {
        let harness = try ChildWorkflowHarness()
        let child = try await harness.storeWorkflow("Greeter", Self.greeter)
        let (summary, childId) = try await runParent(
            harness, [ChildWorkflowHarness.trigger("Call", workflow: child, inputs: ["name": "x", "count": "two"])])
        let error = try #require(summary.step(named: "Call")?.error)
        #expect(error.code == "INVALID_INPUT")
        #expect(
            error.message
                == "inputs of child workflow \"Greeter\" (\(child)): input parameter \"count\" must be a number "
                + "(NUMBER), got string")
        #expect(childId == nil)
    }

    @Test("an unknown workflow id, a child without workflowTrigger and bad parameters fail the step clearly")
    func refusals() async throws {
        let harness = try ChildWorkflowHarness()
        let apiOnly = try await harness.storeWorkflow(
            "API only", SpecBuilder.spec([SpecBuilder.step("A")], trigger: .api, start: ["A"]))
        let unknown = "00000000-0000-4000-8000-000000000000"
        let cases: [(Step, String)] = [
            (
                ChildWorkflowHarness.trigger("Call", workflow: unknown),
                "no stored workflow has id \"\(unknown)\" (store the child first: POST /api/v2/workflows, or "
                    + "stepwise workflows create FILE)"
            ),
            (
                ChildWorkflowHarness.trigger("Call", workflow: apiOnly),
                "workflow \"API only\" (\(apiOnly)) has no workflowTrigger: a child workflow starts at its "
                    + "workflowTrigger's start steps"
            ),
            (
                ChildWorkflowHarness.trigger("Call", workflow: apiOnly, inputs: [1, 2]),
                "step \"Call\": workflowInputs must be an object of the child's inputs, got array"
            ),
            (
                ChildWorkflowHarness.trigger("Call", workflow: ""),
                "step \"Call\": workflowId must be the id of a stored workflow (a non-empty string)"
            ),
        ]
        for (step, message) in cases {
            let (summary, childId) = try await runParent(harness, [step])
            #expect(summary.status == .stepError)
            #expect(summary.step(named: "Call")?.error?.message == message)
            #expect(childId == nil)
        }
    }

    @Test("a workflow that starts itself stops at depth 10 with the chain in the message")
    func selfRecursion() async throws {
        let harness = try ChildWorkflowHarness()
        let id = UUID().uuidString.lowercased()
        try await harness.storeWorkflow(
            "Loop", SpecBuilder.spec([ChildWorkflowHarness.trigger("Again", workflow: id)], start: ["Again"]), id: id)
        let root = try await harness.runToEnd(id).id

        let all = try await harness.instances()
        #expect(all.count == 1 + ChildWorkflowAction.defaultMaxDepth)
        #expect(all.allSatisfy { $0.status == .stepError })
        let deepest = try #require(all.first { $0.parent?.chain.count == ChildWorkflowAction.defaultMaxDepth })
        let chain = Array(repeating: "\"Loop\"", count: 12).joined(separator: " -> ")
        #expect(
            deepest.step(named: "Again")?.error?.message
                == "child workflows nest at most 10 deep; stopped starting \"Loop\" from the chain \(chain) "
                + "(does a workflow start itself?)")
        let rootError = try #require(all.first { $0.id == root }?.error?.message)
        #expect(rootError.contains("nest at most 10 deep"))
    }

    @Test("maxChildDepth is configurable; an executor without a definition store refuses child workflows")
    func executorSettings() async throws {
        let harness = try ChildWorkflowHarness()
        let id = UUID().uuidString.lowercased()
        try await harness.storeWorkflow(
            "Loop", SpecBuilder.spec([ChildWorkflowHarness.trigger("Again", workflow: id)], start: ["Again"]), id: id)
        let shallow = try await harness.runToEnd(id, maxDepth: 2)
        #expect(shallow.status == .stepError)
        #expect(try await harness.instances().count == 3)
        let alone = try await harness.runToEnd(id, withDefinitions: false)
        #expect(
            alone.step(named: "Again")?.error
                == StepFailure(
                    message: "child workflows need stored workflows, and this executor has no definition store",
                    code: "UNSUPPORTED", attempts: 1))
        #expect(try await harness.instances().count == 4)
    }

    /// Runs a parent made of `steps` (starting at the first) to its end; returns it and the child its first
    /// step started, if any.
    private func runParent(
        _ harness: ChildWorkflowHarness, _ steps: [Step]
    ) async throws -> (InstanceSummary, String?) {
        let parent = try await harness.storeWorkflow("Parent", SpecBuilder.spec(steps, start: [steps[0].name]))
        let summary = try await harness.runToEnd(parent)
        let child = try await harness.instances().first { $0.parent?.instanceId == summary.id }
        return (summary, child?.id)
    }
}
