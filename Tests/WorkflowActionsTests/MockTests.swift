import Testing
import WorkflowActions
import WorkflowModel

@Suite("Dry-run mocks")
struct MockTests {
    private static let book: JSONValue = [
        "steps": [
            "Create": ["outputs": ["number": 7], "branch": "created"],
            "Flaky": ["sequence": [["fail": "503 Service Unavailable"], ["fail": "again"], ["outputs": ["ok": true]]]],
        ],
        "actions": ["com.datadoghq.http.request": ["outputs": ["status": 200]]],
    ]

    private func run(
        _ book: MockBook, _ step: String, _ actionId: String, attempt: Int = 1, recorder: DryRunRecorder
    )
        async throws(ActionError) -> ActionResult
    {
        try await MockAction(book: book, recorder: recorder).run(
            ActionInvocation(stepName: step, actionId: actionId, inputs: [:], attempt: attempt))
    }

    @Test func mocksApplyByStepNameThenActionIdThenEmpty() async throws {
        let book = try MockBook(json: Self.book)
        let recorder = DryRunRecorder()
        let created = try await run(book, "Create", "com.datadoghq.http.request", recorder: recorder)
        #expect(created == ActionResult(outputs: ["number": 7], branch: "created"))
        let call = try await run(book, "Call", "com.datadoghq.http.request", recorder: recorder)
        #expect(call.outputs == ["status": 200])
        let other = try await run(book, "Other", "com.example.unknown", recorder: recorder)
        #expect(other.outputs == .emptyObject)
        #expect(recorder.sources == ["Create": .step, "Call": .action, "Other": .none])
        #expect(recorder.warnings == [#"step "Other" (com.example.unknown) has no mock: outputs {}"#])
    }

    @Test func aSequencePlaysOneItemPerAttemptAndRepeatsTheLast() async throws {
        let book = try MockBook(json: Self.book)
        let recorder = DryRunRecorder()
        for (attempt, message) in [(1, "503 Service Unavailable"), (2, "again")] {
            let error = await #expect(throws: ActionError.self) {
                try await run(book, "Flaky", "x", attempt: attempt, recorder: recorder)
            }
            #expect(error?.message == message)
        }
        #expect(try await run(book, "Flaky", "x", attempt: 3, recorder: recorder).outputs == ["ok": true])
        #expect(try await run(book, "Flaky", "x", attempt: 9, recorder: recorder).outputs == ["ok": true])
    }

    @Test(
        "malformed mock files are refused, naming the entry",
        arguments: [
            (#"{"step": {}}"#, "unknown field \"step\""),
            (#"{"steps": {"A": {"fail": 3}}}"#, "steps.A"),
            (#"{"steps": {"A": {"sequence": []}}}"#, "non-empty list"),
            (#"{"steps": {"A": {"sequence": [{"output": {}}]}}}"#, "steps.A.sequence[0]: unknown field \"output\""),
            (#"{"actions": {"x": {"outputs": 3}}}"#, "\"outputs\" must be an object"),
        ])
    func malformed(_ text: String, _ message: String) throws {
        let error = #expect(throws: MockError.self) { try MockBook(json: try JSONValue.parse(text)) }
        #expect(error?.message.contains(message) == true)
    }

    @Test func theDryRunRegistryMocksEverythingButCoreActions() async throws {
        let recorder = DryRunRecorder()
        var available = ActionRegistry.system()
        available.registerCore()
        let registry = ActionRegistry.dryRun(
            steps: [
                (name: "If", actionId: "com.datadoghq.core.if"), (name: "Call", actionId: "com.datadoghq.http.request"),
                (name: "Page", actionId: "com.example.pager"),
            ],
            book: MockBook(), recorder: recorder, clock: ContinuousClock(), available: available)
        #expect(registry.action(for: "com.datadoghq.core.if") is IfAction)
        #expect(registry.action(for: "com.datadoghq.http.request") is MockAction)
        #expect(registry.action(for: "com.example.pager") is MockAction)
        #expect(recorder.warnings.count == 1)
        #expect(recorder.warnings.first?.contains("com.example.pager") == true)
    }
}
