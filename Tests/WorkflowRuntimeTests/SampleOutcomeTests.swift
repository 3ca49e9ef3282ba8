import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowScript
import WorkflowStore
import WorkflowTestSupport

/// Every sample runs to the outcome `samples/expected/<name>.json` states (status, step states in order, outputs, error).
@Suite("Samples run to their expected outcome")
struct SampleOutcomeTests {
    static let samples = TestSupport.jsonFiles(in: TestSupport.samplesDirectory)
    static let javaScript = JavaScriptEngine()

    @Test("sample", arguments: samples)
    func sample(_ url: URL) async throws {
        let expected = try TestSupport.expectedOutcome(of: url)
        let document = WorkflowDocument(json: try TestSupport.loadJSON(url))
        let validated = try #require(document.report.validated)
        let spec = validated.spec
        let trigger = try #require(spec.triggers?.first?.kind)
        let inputs = try (spec.inputSchema ?? InputSchema()).resolve(expected["inputs"]?.objectValue ?? [:])
        let clock = VirtualClock()
        var registry = ActionRegistry.core(clock: clock)
        registry.registerDataTransformation(engine: Self.javaScript)
        let harness = RuntimeHarness(registry: registry, clock: clock, expressionEvaluator: Self.javaScript)
        let summary = try await harness.run(spec, trigger: trigger, inputs: inputs)

        #expect(summary.status.rawValue == expected["instanceStatus"]?.stringValue)
        let states: [JSONValue] = summary.steps.map { step in
            var association: [String: JSONValue] = [
                "stepName": .string(step.name), "stepState": .string(step.state.rawValue),
            ]
            if let iteration = step.iteration { association["iteration"] = .number(Double(iteration)) }
            return .object(association)
        }
        #expect(JSONValue.array(states) == expected["stepStateAssociations"])
        #expect(summary.outputs == expected["outputs"])
        #expect(summary.error?.message == expected["errorDetail"]?["message"]?.stringValue)
    }
}
