import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("stepwise run --dry-run")
struct DryRunCommandTests {
    static let samples = TestSupport.jsonFiles(in: TestSupport.samplesDirectory)
    static let demos = TestSupport.samplesDirectory.appendingPathComponent("dry-run")

    @Test(
        "each sample dry-runs to its outcome, with a report whose coverage accounts for every step", arguments: samples)
    func sample(_ url: URL) async throws {
        let expected = try TestSupport.expectedOutcome(of: url)
        var arguments = ["run", url.path, "--dry-run", "--json"]
        for (name, value) in (expected["inputs"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            arguments += ["--input", "\(name)=\(value.stringValue ?? value.compactJSON)"]
        }
        let result = try await StepwiseProcess.run(arguments)
        #expect(result.status == Int32(expected["exitCode"]?.numberValue ?? -1))
        let body = try JSONValue.parse(result.stdout)
        let attributes = try #require(body["data"]?["attributes"])
        #expect(attributes["instanceStatus"]?["detailsKind"] == expected["instanceStatus"])
        #expect(attributes["stepStateAssociations"] == expected["stepStateAssociations"])
        #expect(attributes["outputs"] == expected["outputs"])
        let report = try #require(body["dryRun"])
        let ran = (report["steps"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let started = (expected["stepStateAssociations"]?.arrayValue ?? []).filter { $0["stepState"] != "SKIPPED" }
            .compactMap { $0["stepName"]?.stringValue }
        #expect(ran == started)
        let notRun = (report["coverage"]?["stepsNotRun"]?.arrayValue ?? []).compactMap(\.stringValue)
        let spec = WorkflowDocument(json: try TestSupport.loadJSON(url)).report.validated?.spec
        #expect(Set(ran + notRun) == Set((spec?.steps ?? []).map(\.name)))
        #expect(Set(ran).isDisjoint(with: notRun))
        #expect(result.stderr.contains("dry run report"))
    }

    @Test func mockSequencesRehearseARetryAndACompletionGateAndCoverageListsWhatWasMissed() async throws {
        let result = try await StepwiseProcess.run([
            "run", Self.demos.appendingPathComponent("release-rehearsal.json").path, "--dry-run", "--json",
            "--mocks", Self.demos.appendingPathComponent("release-rehearsal.mocks.json").path,
        ])
        #expect(result.status == 0)
        let report = try #require(try JSONValue.parse(result.stdout)["dryRun"])
        let steps = Dictionary(
            (report["steps"]?.arrayValue ?? []).map { ($0["name"]?.stringValue ?? "", $0) },
            uniquingKeysWith: { a, _ in a })
        #expect(steps["Deploy"]?["attempts"]?.arrayValue?.map { $0["at"] } == [0, 5])
        #expect(
            steps["Deploy"]?["attempts"]?.arrayValue?.first?["outcome"]?.stringValue?.hasPrefix("failed: HTTP/1.1 503")
                == true)
        #expect(steps["Deploy"]?["inputs"]?["body"] == ["service": "checkout", "version": "1.4.2"])
        #expect(steps["Poll"]?["attempts"]?.arrayValue?.map { $0["at"] } == [5, 15, 25])
        #expect(steps["Poll"]?["inputs"]?["url"] == "https://deploy.internal.example/api/releases/rel-42")
        #expect(steps["Check"]?["mocked"] == false)
        #expect(steps["Check"]?["branch"] == "true")
        #expect(steps["Announce"]?["mockSource"] == "action")
        #expect(report["coverage"]?["stepsNotRun"] == ["Page", "Rollback"])
        #expect(
            report["coverage"]?["edgesNotTaken"] == [
                ["from": "Deploy", "to": "Rollback", "branch": nil, "fallback": true],
                ["from": "Check", "to": "Page", "branch": "false", "fallback": false],
            ])
        #expect(report["warnings"] == [])
        #expect(result.stderr.contains("attempt 3 at +25s: succeeded"))
    }

    @Test func aGateThatNeverOpensAndAFailingMockFailTheRehearsal() async throws {
        let mocks = try temporaryFile(
            """
            steps:
              Deploy: {outputs: {status: 201, body: {id: rel-1}}}
              Poll: {outputs: {status: 200, body: {state: rolling, errors: 0}}}
            """, extension: "yaml")
        let result = try await StepwiseProcess.run([
            "run", Self.demos.appendingPathComponent("release-rehearsal.json").path, "--dry-run", "--json",
            "--mocks", mocks.path,
        ])
        #expect(result.status == 1)
        let body = try JSONValue.parse(result.stdout)
        #expect(body["data"]?["attributes"]?["errorDetail"]?["code"] == "COMPLETION_CONDITION_NOT_MET")
        let poll = body["dryRun"]?["steps"]?.arrayValue?.first { $0["name"] == "Poll" }
        #expect(poll?["attempts"]?.arrayValue?.count == 4)
        #expect(poll?["state"] == "FAILED")
        let failing = try temporaryFile(#"{"steps": {"Deploy": {"fail": "deployer down"}}}"#, extension: "json")
        let fallback = try await StepwiseProcess.run([
            "run", Self.demos.appendingPathComponent("release-rehearsal.json").path, "--dry-run", "--json",
            "--mocks", failing.path,
        ])
        #expect(fallback.status == 0)
        let report = try JSONValue.parse(fallback.stdout)["dryRun"]
        #expect(report?["coverage"]?["stepsNotRun"] == ["Poll", "Check", "Announce", "Page"])
        let rollback = report?["steps"]?.arrayValue?.first { $0["name"] == "Rollback" }
        #expect(rollback?["mockSource"] == "none")
        #expect(report?["warnings"]?.arrayValue?.contains { $0.stringValue?.contains("\"Rollback\"") == true } == true)
    }

    @Test func unknownActionsAreMockedWithAWarningInADryRunOnly() async throws {
        let spec = try temporaryFile(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Post"]}],"#
                + #""steps":[{"name":"Post","actionId":"com.datadoghq.slack.postMessage"}]}"#, extension: "json")
        let dry = try await StepwiseProcess.run(["run", spec.path, "--dry-run", "--json"])
        #expect(dry.status == 0)
        let warnings = try JSONValue.parse(dry.stdout)["dryRun"]?["warnings"]?.arrayValue ?? []
        #expect(warnings.contains { $0.stringValue?.contains("which is not available here: mocked") == true })
        #expect(warnings.contains { $0.stringValue?.contains("has no mock: outputs {}") == true })
        let real = try await StepwiseProcess.run(["run", "--db", RunCommandTests.database(), spec.path])
        #expect(real.status == 2)
    }

    @Test func outOfScopeRunnerBundlesAreRefusedNamingTheStep() async throws {
        let spec = try temporaryFile(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Count"]}],"#
                + #""steps":[{"name":"Count","actionId":"com.datadoghq.mongodb.countDocuments"}]}"#, extension: "json")
        let real = try await StepwiseProcess.run(["run", "--db", RunCommandTests.database(), spec.path])
        #expect(real.status == 2)
        #expect(
            real.stderr.contains(
                #"step "Count" uses action "com.datadoghq.mongodb.countDocuments", which is out of scope in Stepwise"#))
    }

    @Test func manifestParametersAreCheckedBeforeTheRunStarts() async throws {
        let spec = try temporaryFile(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Open"]}],"steps":[{"name":"Open","#
                + #""actionId":"com.datadoghq.github.createIssue","parameters":[{"name":"repository","value":7},"#
                + #"{"name":"labels","value":["bug"]},{"name":"milestone","value":"v2"}]}]}"#, extension: "json")
        for extra in [[], ["--dry-run"]] {
            let result = try await StepwiseProcess.run(["run", "--db", RunCommandTests.database(), spec.path] + extra)
            #expect(result.status == 2)
            #expect(result.stderr.contains(#"step "Open": parameter "title" is required"#))
            #expect(result.stderr.contains(#"step "Open": parameter "repository" must be string, got number"#))
            #expect(result.stderr.contains(#"step "Open": parameter "milestone" is not an input"#))
        }
    }

    private func temporaryFile(_ text: String, extension name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).\(name)")
        try Data(text.utf8).write(to: url)
        return url
    }
}
