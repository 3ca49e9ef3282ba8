import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `scripts/install PREFIX` (with the already-built debug binary): the command, its bundled manifests and shell
/// completions, usable from any directory.
@Suite("scripts/install")
struct InstallCommandTests {
    @Test("installs into a prefix; the installed command runs a workflow elsewhere with a bundled manifest")
    func install() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-install-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("prefix")
        let script = TestSupport.repositoryRoot.appendingPathComponent("scripts/install")
        let installed = try await TestSupport.offThePool {
            let process = ChildProcess()
            process.executableURL = script
            process.arguments = [prefix.path]
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["STEPWISE_BINARY": StepwiseProcess.binary.path]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(installed.0 == 0, "\(installed.1)")
        let binary = prefix.appendingPathComponent("bin/stepwise")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        let manifests = try FileManager.default.contentsOfDirectory(
            atPath: prefix.appendingPathComponent("share/stepwise/actions").path)
        #expect(manifests.contains("com.stepwise.system.diskUsage.json"))
        let bash = try String(
            contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/stepwise"), encoding: .utf8)
        #expect(bash.contains("_stepwise"))
        #expect(bash.contains("validate"))
        #expect(
            FileManager.default.fileExists(
                atPath: prefix.appendingPathComponent("share/zsh/site-functions/_stepwise").path))

        let elsewhere = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let spec: JSONValue = [
            "triggers": [["workflowTrigger": [:], "startStepNames": ["Disk"]]],
            "steps": [
                [
                    "name": "Disk", "actionId": "com.stepwise.system.diskUsage",
                    "parameters": [["name": "path", "value": "/"]],
                ]
            ],
            "outputSchema": [
                "parameters": [["name": "used", "type": "NUMBER", "value": "{{ Steps.Disk.usedPercent }}"]]
            ],
        ]
        try spec.jsonData(pretty: true).write(to: elsewhere.appendingPathComponent("disk.json"))
        let run = try await StepwiseProcess.run(
            ["run", "--in-memory", "disk.json"],
            environment: ["XDG_CONFIG_HOME": root.appendingPathComponent("config").path],
            in: elsewhere, executable: binary)
        #expect(run.status == 0, "\(run.stderr)")
        let used = try #require(try JSONValue.parse(run.stdout)["used"]?.numberValue)
        #expect((0...100).contains(used))
        let list = try await StepwiseProcess.run(["actions", "list"], in: elsewhere, executable: binary)
        #expect(list.stdout.contains(prefix.appendingPathComponent("share/stepwise/actions").path))
    }
}
