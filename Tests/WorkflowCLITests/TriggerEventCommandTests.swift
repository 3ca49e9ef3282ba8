import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run --trigger KIND` without `--source`: the embedded sample event, and warnings about `Source.…`
/// and `Trigger.…` paths the event and inputs lack.
@Suite("Trigger event samples")
struct TriggerEventCommandTests {
    static let samples = TestSupport.samplesDirectory.appendingPathComponent("trigger-events")

    /// `--trigger` value → sample file name, for a spec without a security trigger reading findings.
    static let kinds: [(String, String)] = [
        ("monitor", "monitor"), ("security", "security-signal"), ("incident", "incident"), ("api", "api"),
        ("schedule", "schedule"), ("dashboard", "dashboard"), ("app", "app"), ("case", "case"),
        ("githubWebhook", "github"), ("onCall", "on-call"),
    ]

    /// A spec with every trigger kind of ``kinds`` starting one echo step that reads `template`.
    static func spec(reading template: String) throws -> URL {
        let triggers = kinds.map { kind, _ in
            let options =
                kind == "schedule" ? #"{"rruleExpression": "DTSTART:20251024T153116Z\nRRULE:FREQ=DAILY"}"# : "{}"
            return #"{"\#(kind)Trigger": \#(options), "startStepNames": ["Echo"]}"#
        }
        let text = """
            {"triggers": [\(triggers.joined(separator: ", "))],
             "steps": [{"name": "Echo", "actionId": "com.datadoghq.core.echo", "parameters": [{"name": "value", "value": "\(template)"}]}]}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trigger-events-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("the samples directory holds exactly the samples the binary embeds")
    func sampleFiles() throws {
        let names = TestSupport.jsonFiles(in: Self.samples).map { $0.deletingPathExtension().lastPathComponent }
        #expect(Set(names) == Set(Self.kinds.map(\.1) + ["security-finding", "workflow"]))
    }

    @Test("without --source, a run's Source is the trigger's sample, the same as the file", arguments: kinds)
    func sample(kind: String, name: String) async throws {
        let spec = try Self.spec(reading: "{{ Source }}")
        let result = try await StepwiseProcess.run(["run", "--dry-run", spec.path, "--trigger", kind, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("no --source given: Source is the sample \(name) event"))
        let expected = try TestSupport.loadJSON(Self.samples.appendingPathComponent("\(name).json"))
        let body = try JSONValue.parse(result.stdout)
        #expect(body["data"]?["attributes"]?["sourceForTemplating"] == expected)
        #expect(body["data"]?["attributes"]?["outputs"] == .emptyObject)
    }

    @Test("a workflow reading Source.securityFinding gets the finding sample, from any directory")
    func securityFindingAnywhere() async throws {
        let spec = try Self.spec(reading: "{{ Source.securityFinding.resource }}")
        let elsewhere = FileManager.default.temporaryDirectory
        let (status, stdout, stderr) = try await Self.run(
            ["run", "--dry-run", spec.path, "--trigger", "security", "--json"], in: elsewhere)
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("Source is the sample security-finding event"))
        let report = try JSONValue.parse(stdout)["dryRun"]
        #expect(report?["steps"]?.arrayValue?.first?["inputs"]?["value"] == "example-public-bucket")
        #expect(report?["warnings"] == [])
    }

    @Test("a dry run warns about Source and Trigger paths the event and inputs do not have")
    func missingPaths() async throws {
        let spec = try Self.spec(reading: "{{ Source.monitor.idd }} {{ Source.monitor.id }} {{ Trigger.region }}")
        let result = try await StepwiseProcess.run(["run", "--dry-run", spec.path, "--trigger", "monitor", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = try JSONValue.parse(result.stdout)["dryRun"]?["warnings"]
        #expect(
            warnings == [
                #"step "Echo" reads Source.monitor.idd, but the trigger event does not have it (it renders as null)"#,
                #"step "Echo" reads Trigger.region, but the inputs do not have it (it renders as null)"#,
            ])
    }

    @Test("--source still wins, and a manual run keeps an empty Source without a message")
    func explicitSource() async throws {
        let spec = try Self.spec(reading: "{{ Source.monitor.id }}")
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("source-\(UUID().uuidString).json")
        try Data(#"{"monitor": {"id": 7}}"#.utf8).write(to: source)
        let result = try await StepwiseProcess.run([
            "run", "--dry-run", spec.path, "--trigger", "monitor", "--source", source.path, "--json",
        ])
        #expect(!result.stderr.contains("sample"))
        let steps = try JSONValue.parse(result.stdout)["dryRun"]?["steps"]?.arrayValue
        #expect(steps?.first?["inputs"]?["value"] == 7)
        let manual = try await StepwiseProcess.run(["run", "--dry-run", "samples/linear-chain.json"])
        #expect(manual.status == 0)
        #expect(!manual.stderr.contains("no --source given"))
    }

    /// Runs the binary in `directory`, its output going to files, waiting off the cooperative pool.
    static func run(_ arguments: [String], in directory: URL) async throws -> (Int32, String, String) {
        try await TestSupport.offThePool {
            let out = directory.appendingPathComponent("stepwise-out-\(UUID().uuidString)")
            let err = directory.appendingPathComponent("stepwise-err-\(UUID().uuidString)")
            try Data().write(to: out)
            try Data().write(to: err)
            defer {
                try? FileManager.default.removeItem(at: out)
                try? FileManager.default.removeItem(at: err)
            }
            let process = ChildProcess()
            process.executableURL = StepwiseProcess.binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            process.waitUntilExit()
            return (
                process.terminationStatus, try String(contentsOf: out, encoding: .utf8),
                try String(contentsOf: err, encoding: .utf8)
            )
        }
    }
}
