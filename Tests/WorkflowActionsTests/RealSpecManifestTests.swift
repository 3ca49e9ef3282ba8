import Foundation
import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

/// Real workflows (Datadog's docs and blueprints, in `Tests/Fixtures/integration-specs`) whose steps use shipped
/// integration actions: every such step's parameters pass the manifest's check.
@Suite("Real specs against the shipped manifests")
struct RealSpecManifestTests {
    static let directory = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/integration-specs")

    /// Every object with an `actionId` and `parameters` in `value`.
    private static func steps(in value: JSONValue) -> [(actionId: String, parameters: [Parameter])] {
        switch value {
        case .object(let members):
            var found: [(actionId: String, parameters: [Parameter])] = []
            if let id = members["actionId"]?.stringValue {
                let parameters = (members["parameters"]?.arrayValue ?? []).compactMap { item in
                    item["name"]?.stringValue.map { Parameter(name: $0, value: item["value"] ?? .null) }
                }
                found.append((id, parameters))
            }
            return found + members.values.flatMap(steps(in:))
        case .array(let items): return items.flatMap(steps(in:))
        default: return []
        }
    }

    @Test(arguments: TestSupport.jsonFiles(in: directory).map(\.lastPathComponent))
    func stepsPassTheManifestCheck(file: String) throws {
        let registry = try WorkflowRun.registry()
        let json = try TestSupport.loadJSON(Self.directory.appendingPathComponent(file))
        let checked = Self.steps(in: json).compactMap { step in
            registry.manifest(for: step.actionId).map { ($0, step.parameters) }
        }
        #expect(!checked.isEmpty)
        for (manifest, parameters) in checked {
            #expect(manifest.problems(with: parameters) == [], "\(manifest.actionId)")
        }
    }
}
