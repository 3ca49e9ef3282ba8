import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// A `stepwise` process whose standard error reader is gone goes on working: what it cannot show is dropped, not a
/// reason to die.
@Suite("Closed standard error")
struct ClosedConsoleCommandTests {
    @Test(
        "a worker whose standard error pipe has no reader keeps working, then exits 0 on SIGTERM",
        arguments: [true, false])
    func workerWithoutReader(parentIgnoresPipes: Bool) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-console-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("stepwise.db").path
        let worker = ChildProcess()
        worker.executableURL = URL(fileURLWithPath: "/bin/sh")
        // With SIGPIPE ignored, as a parent that ignores it (a test runner, a server) leaves it, a write to the pipe
        // fails with EPIPE, which Foundation's FileHandle.write(_:) turned into a trap. With SIGPIPE at its default
        // (ChildProcess resets every signal), the write itself would end the worker unless it ignores SIGPIPE.
        let ignore = parentIgnoresPipes ? "trap '' PIPE; " : ""
        worker.arguments = [
            "-c", ignore + "exec \"$0\" worker --db \"$1\" --poll-interval 0.1",
            TestSupport.stepwiseBinary.path, database,
        ]
        let stderr = Pipe()
        worker.standardError = stderr
        worker.standardOutput = FileHandle.nullDevice
        try worker.run()
        // Its first progress line says it works (its SIGTERM handler is in place); then the reader goes away.
        let first = try await TestSupport.offThePool {
            String(decoding: StepwiseProcess.read(stderr.fileHandleForReading, until: "working on"), as: UTF8.self)
        }
        let ignored = try Self.ignoresBrokenPipes(process: worker.processIdentifier)
        try stderr.fileHandleForReading.close()
        #expect(first.contains("working on"))
        #expect(ignored, "stepwise worker does not ignore SIGPIPE")
        // Draining and stopping are logged after the SIGTERM, to the pipe nobody reads any more.
        try await Task.sleep(for: .milliseconds(500))
        let alive = worker.isRunning
        worker.terminate()
        try await TestSupport.offThePool { worker.waitUntilExit() }
        #expect(alive, "the worker died once its standard error had no reader")
        #expect(
            worker.terminationReason == .exit && worker.terminationStatus == 0,
            "ended by \(worker.terminationReason) \(worker.terminationStatus)")
    }

    @Test("a shell step starts with SIGPIPE at its default, though `stepwise run` ignores it")
    func shellStepPipes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-pipes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workflow = folder.appendingPathComponent("probe.json")
        let spec: JSONValue = [
            "triggers": [["workflowTrigger": .emptyObject, "startStepNames": ["Probe"]]],
            "steps": [
                [
                    "name": "Probe", "actionId": "com.datadoghq.script.runShellScript",
                    "parameters": [
                        ["name": "script", "value": #"sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status"#]
                    ],
                ]
            ],
            "outputSchema": [
                "parameters": [["name": "ignored", "type": "STRING", "value": "{{ Steps.Probe.stdout }}"]]
            ],
        ]
        try Data(spec.compactJSON.utf8).write(to: workflow)
        let run = try await StepwiseProcess.run(["run", "--in-memory", workflow.path])
        #expect(run.status == 0, "\(run.stderr)")
        let mask = try #require(try JSONValue.parse(run.stdout)["ignored"]?.stringValue)
        let bits = try #require(UInt64(mask.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16))
        #expect(bits & Self.pipeBit == 0, "the step's shell ignores SIGPIPE (SigIgn \(mask))")
    }

    /// SIGPIPE (13) in a `/proc/<pid>/status` signal mask.
    static let pipeBit: UInt64 = 1 << (13 - 1)

    /// Whether process `pid` ignores SIGPIPE, from its `SigIgn` mask.
    static func ignoresBrokenPipes(process pid: Int32) throws -> Bool {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") })
        let mask = try #require(UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16))
        return mask & pipeBit != 0
    }
}
