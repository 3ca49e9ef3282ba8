import Foundation
import Synchronization
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// The launcher: every start's checks in their order, its typed refusals, and the one plan cache.
@Suite("Launcher")
struct LauncherTests {
    typealias B = SpecBuilder

    static func stored(
        _ spec: WorkflowSpec, published: Bool = true, version: Int = 1, id: String = "wf-launch"
    ) -> StoredWorkflow {
        let now = Date(timeIntervalSince1970: 0)
        return StoredWorkflow(
            workflow: Workflow(
                id: id, name: "Launch", published: published, spec: spec, createdAt: now, updatedAt: now),
            version: version)
    }

    static let withInput = B.spec(
        [B.step("A")], start: ["A"], inputs: [InputParameter(name: "count", type: .number)])

    /// Runs `body` with an executor over a memory store; returns what it returned.
    static func withExecutor<T: Sendable>(
        _ body: (WorkflowExecutor, MemoryInstanceStore) async throws -> T
    ) async throws -> T {
        let clock = ManualClock()
        let harness = RuntimeHarness(registry: .core(clock: clock), clock: clock)
        return try await harness.with { executor in try await body(executor, harness.store) }
    }

    /// The code of the error `launch` is refused with (`nil` when it started).
    static func refusal(_ launch: Launch, on executor: WorkflowExecutor) async -> LaunchError? {
        do {
            let started = try await executor.launcher.launch(launch)
            _ = await executor.wait(for: started.instanceId)
            return nil
        } catch {
            return error
        }
    }

    @Test("a stored workflow starts at its trigger, with its inputs resolved and its version pinned")
    func startsStored() async throws {
        let summary = try await Self.withExecutor { executor, store in
            let started = try await executor.launcher.launch(
                Launch(
                    .stored(Self.stored(Self.withInput, version: 3)), trigger: .kind(.workflow), payload: ["count": 2]))
            #expect(await executor.wait(for: started.instanceId) == .succeeded)
            return try #require(try await store.instance(id: started.instanceId))
        }
        #expect(summary.trigger == .workflow)
        #expect(summary.sourceKind == "workflow")
        #expect(summary.workflowVersion == 3)
        #expect(summary.inputs == ["count": 2])
    }

    @Test("every version is compiled once: starts of one version share one plan, a new version gets its own")
    func onePlanPerVersion() async throws {
        let spec = B.chain(3)
        let plans = try await Self.withExecutor { executor, _ in
            var plans: [ExecutionPlan] = []
            for version in [1, 1, 2] {
                let started = try await executor.launcher.launch(
                    Launch(.stored(Self.stored(spec, version: version)), trigger: .preferred))
                _ = await executor.wait(for: started.instanceId)
                plans.append(started.plan)
            }
            return plans
        }
        #expect(plans[0] === plans[1])
        #expect(plans[0] !== plans[2])
    }

    @Test("a trigger the spec lacks is refused, listing the triggers it has")
    func noTrigger() async throws {
        let error = try await Self.withExecutor { executor, _ in
            await Self.refusal(Launch(.stored(Self.stored(B.chain(1))), trigger: .kind(.api)), on: executor)
        }
        #expect(error?.code == .noTrigger)
        #expect(error?.triggers == [.workflow])
    }

    @Test("without a choice, several triggers and neither workflow nor api is ambiguous")
    func ambiguousTrigger() async throws {
        var spec = B.chain(1)
        spec.triggers = [
            Trigger(kind: .monitor, startStepNames: ["S0"]), Trigger(kind: .schedule, startStepNames: ["S0"]),
        ]
        let error = try await Self.withExecutor { executor, _ in
            await Self.refusal(Launch(.stored(Self.stored(spec)), trigger: .preferred), on: executor)
        }
        #expect(error?.code == .ambiguousTrigger)
        #expect(error?.triggers == [.monitor, .schedule])
        #expect(try Launcher.trigger(.named("monitor"), in: spec).kind == .monitor)
        #expect(try Launcher.trigger(.named("scheduleTrigger"), in: spec).kind == .schedule)
    }

    @Test("an unpublished workflow is refused only when the start requires publication")
    func published() async throws {
        let (refused, started) = try await Self.withExecutor { executor, _ in
            let unpublished = Self.stored(B.chain(1), published: false)
            return (
                await Self.refusal(
                    Launch(.stored(unpublished), trigger: .preferred, requiresPublished: true), on: executor),
                await Self.refusal(Launch(.stored(unpublished), trigger: .preferred), on: executor)
            )
        }
        #expect(refused?.code == .notPublished)
        #expect(started == nil)
    }

    @Test("inputs that do not match the schema are refused with each problem's code")
    func invalidInputs() async throws {
        let error = try await Self.withExecutor { executor, _ in
            await Self.refusal(
                Launch(.stored(Self.stored(Self.withInput)), trigger: .preferred, payload: ["extra": 1]), on: executor)
        }
        #expect(error?.code == .invalidInputs)
        #expect(Set(error?.inputProblems.map(\.code) ?? []) == [.unknownParameter, .missingRequired])
    }

    @Test("a step whose action is not available is refused before the store sees an instance")
    func unavailableAction() async throws {
        let spec = B.spec([B.step("Page", action: "com.example.pager")], start: ["Page"])
        let (error, count) = try await Self.withExecutor { executor, store in
            let error = await Self.refusal(Launch(.stored(Self.stored(spec)), trigger: .preferred), on: executor)
            return (error, try await store.list(InstanceQuery()).totalCount)
        }
        #expect(error?.code == .unavailableAction)
        #expect(error?.unavailable == [LaunchError.UnavailableAction(step: "Page", actionId: "com.example.pager")])
        #expect(count == 0)
    }

    @Test("a compiled plan's unknown action is refused when the instance starts")
    func compiledUnavailableAction() async throws {
        let plan = try ExecutionPlan(spec: B.spec([B.step("Page", action: "com.example.pager")], start: ["Page"]))
        let error = try await Self.withExecutor { executor, _ in
            await Self.refusal(Launch(.compiled(plan, version: nil), trigger: .preferred), on: executor)
        }
        #expect(error?.code == .unavailableAction)
        #expect(error?.message.contains("com.example.pager") == true)
    }

    @Test("admission is asked last, with the fired trigger, and a refusal is rateLimited")
    func admission() async throws {
        let asked = Mutex<[TriggerKind]>([])
        let (refused, badInputs) = try await Self.withExecutor { executor, _ in
            let deny: @Sendable (Trigger) async -> Bool = { trigger in
                asked.withLock { $0.append(trigger.kind) }
                return false
            }
            return (
                await Self.refusal(
                    Launch(.stored(Self.stored(B.chain(1))), trigger: .preferred, admission: deny), on: executor),
                await Self.refusal(
                    Launch(.stored(Self.stored(Self.withInput)), trigger: .preferred, admission: deny), on: executor)
            )
        }
        #expect(refused?.code == .rateLimited)
        #expect(refused?.trigger?.kind == .workflow)
        #expect(badInputs?.code == .invalidInputs)
        #expect(asked.withLock { $0 } == [.workflow])
    }
}
