import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// The action bundle samples (`samples/bundles/`) through `stepwise run --dry-run`: no credentials, no server; the
/// bundle actions are mocked with their documented output shapes, so every step runs and the outputs resolve;
/// `stepwise actions list` names every new action id with what it needs.
@Suite("Bundle samples (stepwise run --dry-run, actions list)")
struct BundleSampleCommandTests {
    static let bundles = TestSupport.samplesDirectory.appendingPathComponent("bundles")

    @Test(
        "each bundle sample dry-runs to SUCCEEDED with every step run",
        arguments: ["postgresql.json", "kubernetes.json", "kubernetes-scaling.json", "gitlab.json", "jenkins.json"])
    func dryRuns(_ name: String) async throws {
        let url = Self.bundles.appendingPathComponent(name)
        let result = try await StepwiseProcess.run(["run", url.path, "--dry-run", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try JSONValue.parse(result.stdout)
        let attributes = try #require(body["data"]?["attributes"])
        #expect(attributes["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        let states = (attributes["stepStateAssociations"]?.arrayValue ?? []).compactMap { $0["stepState"]?.stringValue }
        let spec = WorkflowDocument(json: try TestSupport.loadJSON(url)).report.validated?.spec
        #expect(states == Array(repeating: "SUCCEEDED", count: spec?.steps?.count ?? -1))
        #expect(!result.stderr.contains("not available here"))
    }

    @Test("actions list shows the PostgreSQL and Kubernetes ids as built in, with what they need")
    func actionsList() async throws {
        let result = try await StepwiseProcess.run(["actions", "list", "--json"])
        #expect(result.status == 0)
        let rows = try JSONValue.parse(result.stdout).arrayValue ?? []
        let byId = Dictionary(rows.map { ($0["actionId"]?.stringValue ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for id in [
            "com.datadoghq.postgresql.select", "com.datadoghq.postgresql.cancelQuery",
            "com.datadoghq.kubernetes.apps.rollbackDeployment", "com.datadoghq.kubernetes.core.deleteMultiplePods",
            "com.datadoghq.kubernetes.batch.patchCronJob",
            "com.datadoghq.kubernetes.customresources.listClusterCustomObject",
        ] {
            #expect(byId[id]?["source"] == "built-in", "\(id)")
            #expect(byId[id]?["needs"]?.stringValue?.isEmpty == false, "\(id)")
        }
        #expect(byId["com.datadoghq.kubernetes.core.deleteMultipleServices"] == nil)
        #expect(byId["com.datadoghq.postgresql.insert"]?["needs"]?.stringValue?.contains("sslmode") == true)
    }
}
