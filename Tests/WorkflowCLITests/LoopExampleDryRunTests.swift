import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// The exported ec2 scorecard workflow (a forLoop over the instances, a func step and a core.if in the body)
/// dry-runs end to end: with its external steps mocked and its JavaScript step run for real, and with the
/// JavaScript step mocked too (a mock by step name wins over running it).
@Suite("A forLoop example dry-runs")
struct LoopExampleDryRunTests {
    static let example = TestSupport.fixturesDirectory.appendingPathComponent(
        "example-specs/thirdparty-tf-export-ec2-env-scorecard-forLoop-if.spec.json")

    /// The spec with Terraform's `${…}` placeholders filled in, as `terraform apply` would.
    static func terraformed() throws -> String {
        try String(contentsOf: example, encoding: .utf8)
            .replacingOccurrences(of: "${var.aws_region}", with: "us-east-1")
            .replacingOccurrences(of: "${var.ec2_scorecard_rule_id}", with: "rule-1")
            .replacingOccurrences(
                of: "${datadog_action_connection.aws_ec2_workflow[0].id}", with: "11111111-2222-4333-8444-555555555555")
    }

    static let mocks = """
        {"steps": {
           "List_ec2_instances": {"outputs": {"instances": [{"InstanceId": "i-1", "Tags": [{"Key": "Env", "Value": "prod"}]},
                                                            {"InstanceId": "i-2", "Tags": []}]}},
           "check_env": {"iterations": [{"outputs": {"data": {"team": "Milliways", "env": "prod"}}},
                                        {"outputs": {"data": {"team": null, "env": null}}}]}},
         "actions": {"com.datadoghq.dd.service_catalog.updateScorecardRuleOutcome": {"outputs": {"ok": true}}}}
        """

    @Test("each instance is one iteration of check_env → If_env_missing → one of the two updates")
    func dryRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("ec2.json")
        let mocks = folder.appendingPathComponent("mocks.json")
        let text = try Self.terraformed()
        #expect(!text.contains("${"))
        try Data(text.utf8).write(to: spec)
        try Data(Self.mocks.utf8).write(to: mocks)

        let validation = try await StepwiseProcess.run(["validate", spec.path])
        #expect(validation.status == 0)
        #expect(validation.stdout.contains(#"startStepNames names no step "For each instance""#))

        let result = try await StepwiseProcess.run(["run", spec.path, "--dry-run", "--json", "--mocks", mocks.path])
        #expect(result.status == 0)
        let body = try JSONValue.parse(result.stdout)
        let attributes = try #require(body["data"]?["attributes"])
        #expect(attributes["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        let states = (attributes["stepStateAssociations"]?.arrayValue ?? []).map { entry in
            "\(entry["stepName"]?.stringValue ?? "?")#\(entry["iteration"]?.numberValue.map { "\(Int($0))" } ?? "-")="
                + (entry["stepState"]?.stringValue ?? "?")
        }
        #expect(
            states == [
                "List_ec2_instances#-=SUCCEEDED", "For_each_instance#-=SUCCEEDED",
                "check_env#0=SUCCEEDED", "If_env_missing#0=SUCCEEDED", "Update_scorecard_rule_1#0=SKIPPED",
                "Update_scorecard_rule#0=SUCCEEDED",
                "check_env#1=SUCCEEDED", "If_env_missing#1=SUCCEEDED", "Update_scorecard_rule#1=SKIPPED",
                "Update_scorecard_rule_1#1=SUCCEEDED",
            ])
        let report = try #require(body["dryRun"])
        let steps = report["steps"]?.arrayValue ?? []
        let loop = try #require(steps.first { $0["name"] == "For_each_instance" })
        #expect(loop["outputs"]?["data"]?.arrayValue?.count == 2)
        #expect(loop["inputs"]?["inputList"]?.arrayValue?.first?["InstanceId"] == "i-1")
        let checks = steps.filter { $0["name"] == "check_env" }
        #expect(checks.map { $0["iteration"] } == [0, 1])
        #expect(checks.allSatisfy { $0["mockSource"] == "step" })
        let notTaken = (report["coverage"]?["edgesNotTaken"]?.arrayValue ?? []).map {
            "\($0["from"]?.stringValue ?? "")-\($0["branch"]?.stringValue ?? "fallback")->\($0["to"]?.stringValue ?? "")"
        }
        // The per-iteration mock took the true branch in iteration 0 and the false one in iteration 1.
        #expect(notTaken.isEmpty)
        #expect(checks.map { $0["outputs"]?["data"]?["env"] } == ["prod", .null])
        #expect(result.stderr.contains("check_env (iteration 1)  SUCCEEDED"))
    }

    static let externalMocks = """
        {"steps": {
           "List_ec2_instances": {"outputs": {"instances": [
              {"InstanceId": "i-1", "Tags": [{"Key": "team", "Value": "Milliways"}, {"Key": "ENV", "Value": "prod"}]},
              {"InstanceId": "i-2"}]}}},
         "actions": {"com.datadoghq.dd.service_catalog.updateScorecardRuleOutcome": {"outputs": {"ok": true}}}}
        """

    @Test("check_env's JavaScript runs for real on each mocked instance ($.Current.Value, ?., ??, console.log)")
    func dryRunWithRealJavaScript() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("ec2.json")
        let mocks = folder.appendingPathComponent("mocks.json")
        try Data(try Self.terraformed().utf8).write(to: spec)
        try Data(Self.externalMocks.utf8).write(to: mocks)

        let result = try await StepwiseProcess.run(["run", spec.path, "--dry-run", "--json", "--mocks", mocks.path])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try JSONValue.parse(result.stdout)
        #expect(body["data"]?["attributes"]?["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        let steps = body["dryRun"]?["steps"]?.arrayValue ?? []
        let checks = steps.filter { $0["name"] == "check_env" }
        #expect(
            checks.map { $0["outputs"]?["data"] } == [
                ["team": "Milliways", "env": "prod"], ["team": nil, "env": nil],
            ])
        #expect(checks.allSatisfy { $0["mockSource"] == nil || $0["mockSource"] == .null })
        // console.log(data) and console.log(tags) of the script, captured per iteration.
        #expect(checks.first?["outputs"]?["logs"]?.arrayValue?.count == 2)
        let updates = steps.filter { ($0["name"]?.stringValue ?? "").hasPrefix("Update_scorecard_rule") }
            .filter { $0["state"] != "SKIPPED" }
        #expect(updates.map { $0["name"] } == ["Update_scorecard_rule", "Update_scorecard_rule_1"])
    }
}
