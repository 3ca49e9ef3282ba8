import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// `samples/integrations/`: one workflow per service, each dry-runnable without credentials; the mocked steps
/// output their actions' documented shapes, so templates reading `Steps.X.…` resolve.
@Suite("Integration samples dry-run")
struct IntegrationSampleTests {
    static let directory = TestSupport.samplesDirectory.appendingPathComponent("integrations")
    static let samples = TestSupport.jsonFiles(in: directory).map(\.lastPathComponent)

    @Test func everyServiceHasASample() {
        #expect(Self.samples == ["datadog.json", "github.json", "jira.json", "pagerduty.json", "slack.json"])
    }

    @Test(arguments: samples)
    func dryRunsWithDocumentedShapes(name: String) async throws {
        let (summary, recorder) = try await WorkflowRun.dryRun(Self.directory.appendingPathComponent(name))
        #expect(summary.status == .succeeded, "\(summary.error?.message ?? "")")
        #expect(summary.steps.allSatisfy { $0.state == .succeeded })
        #expect(!recorder.warnings.contains { $0.hasSuffix("outputs {}") }, "\(recorder.warnings)")
        #expect(!recorder.warnings.contains { $0.contains("not available here") }, "\(recorder.warnings)")
    }

    @Test func nestedShapesAndTypedEmptyValuesReachLaterSteps() async throws {
        let (datadog, _) = try await WorkflowRun.dryRun(Self.directory.appendingPathComponent("datadog.json"))
        #expect(datadog.outputs["severity"] == "")
        #expect(datadog.outputs["rangesVersion"] == 0)
        #expect(datadog.step("Case")?.inputs?["title"] == "Signal  ()")
        let (slack, _) = try await WorkflowRun.dryRun(Self.directory.appendingPathComponent("slack.json"))
        #expect(slack.step("Thread")?.outputs?["value"] == ["channel": "", "ts": "", "text": ""])
    }
}
