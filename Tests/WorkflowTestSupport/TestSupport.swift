import Foundation
import WorkflowModel

/// Fixtures and fakes shared by the test targets.
public enum TestSupport {
    /// The repository's root folder (this file is `Tests/WorkflowTestSupport/TestSupport.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `samples/`.
    public static var samplesDirectory: URL { repositoryRoot.appendingPathComponent("samples") }

    /// `Tests/Fixtures/`: copies of reference documents, so tests never read outside the repository.
    public static var fixturesDirectory: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }

    /// The `.json` files of `directory`, sorted, leaving out `*.expected.json`.
    public static func jsonFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// The JSON value of a file.
    public static func loadJSON(_ url: URL) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: url))
    }

    /// A spec of `count` noop steps in a chain, each reading its predecessor's output in a template.
    public static func chainSpec(steps count: Int) -> WorkflowSpec {
        var steps: [Step] = []
        steps.reserveCapacity(count)
        for index in 0..<count {
            let value: JSONValue = index == 0 ? .string("start") : .string("{{ Steps.Step_\(index - 1).value }}")
            let next: [OutboundEdge]? = index + 1 < count ? [OutboundEdge(nextStepName: "Step_\(index + 1)")] : nil
            steps.append(
                Step(
                    name: "Step_\(index)", actionId: "com.datadoghq.core.echo",
                    parameters: [Parameter(name: "value", value: value)], outboundEdges: next))
        }
        return WorkflowSpec(steps: steps, triggers: [Trigger(kind: .workflow, startStepNames: ["Step_0"])])
    }

    /// A spec where one step fans out to `count - 2` steps that all merge into a last step.
    public static func fanOutSpec(steps count: Int) -> WorkflowSpec {
        let middle = max(count - 2, 1)
        var steps = [
            Step(
                name: "Start", actionId: "com.datadoghq.core.noop",
                outboundEdges: (0..<middle).map { OutboundEdge(nextStepName: "Branch_\($0)") })
        ]
        for index in 0..<middle {
            steps.append(
                Step(
                    name: "Branch_\(index)", actionId: "com.datadoghq.core.echo",
                    parameters: [Parameter(name: "value", value: "{{ Steps.Start }}")],
                    outboundEdges: [OutboundEdge(nextStepName: "Merge")]))
        }
        steps.append(
            Step(
                name: "Merge", actionId: "com.datadoghq.core.noop",
                readinessGate: ReadinessGate(thresholdType: .all)))
        return WorkflowSpec(steps: steps, triggers: [Trigger(kind: .workflow, startStepNames: ["Start"])])
    }
}
