import Testing
import WorkflowActions
import WorkflowModel

@Suite("Action registry")
struct ActionRegistryTests {
    @Test func coreRegistersEveryBuiltIn() {
        let registry = ActionRegistry.core()
        #expect(
            registry.ids == [
                CoreActionID.echo, CoreActionID.error, CoreActionID.if, CoreActionID.noop, CoreActionID.setVariable,
                CoreActionID.setVariables, CoreActionID.sleep, CoreActionID.switch,
            ])
        #expect(registry.action(for: "com.datadoghq.core.noop") is NoopAction)
        #expect(registry.action(for: "com.datadoghq.core.sleep") is SleepAction)
    }

    @Test func unknownActionsAreListedInSpecOrder() {
        let spec = WorkflowSpec(steps: [
            Step(name: "a", actionId: CoreActionID.noop),
            Step(name: "b", actionId: "com.datadoghq.jira.createIssue"),
            Step(name: "loop", actionId: CoreActionID.forLoop),
            Step(name: "c", actionId: "com.example.other"),
        ])
        let unknown = ActionRegistry.core().unknownActions(in: spec)
        #expect(unknown.map(\.step) == ["b", "c"])
        #expect(unknown.map(\.actionId) == ["com.datadoghq.jira.createIssue", "com.example.other"])
        #expect(ActionRegistry.core().unknownActions(in: spec, ignoring: []).map(\.step) == ["b", "loop", "c"])
    }

    @Test func registryRunsActionsThroughTheProtocol() async throws {
        let action = try #require(ActionRegistry.core().action(for: CoreActionID.echo))
        let result = try await action.run(invocation(CoreActionID.echo, ["value": "hi"]))
        #expect(result.outputs == ["value": "hi"])
    }
}
