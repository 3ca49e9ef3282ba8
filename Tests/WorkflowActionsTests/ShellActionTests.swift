import Foundation
import Testing
import WorkflowActions
import WorkflowModel

@Suite("Shell action")
struct ShellActionTests {
    private let action = ShellAction(configuration: .init(terminationGrace: .milliseconds(300)))

    private func invoke(
        _ inputs: [String: JSONValue], with action: ShellAction? = nil
    ) async throws(ActionError)
        -> JSONValue
    {
        let invocation = ActionInvocation(
            stepName: "script", actionId: "com.datadoghq.script.runShellScript", inputs: inputs)
        return try await (action ?? self.action).run(invocation).outputs
    }

    private func failure(_ inputs: [String: JSONValue], with action: ShellAction? = nil) async -> ActionError? {
        do {
            _ = try await invoke(inputs, with: action)
            return nil
        } catch {
            return error
        }
    }

    @Test func capturesOutputsAndStripsOneTrailingNewline() async throws {
        let outputs = try await invoke(["script": "printf 'a\\n\\n'; echo err >&2"])
        #expect(outputs["stdout"] == "a\n")
        #expect(outputs["stderr"] == "err")
        #expect(outputs["exitCode"] == 0)
        #expect(outputs["executedCommand"] == "printf 'a\\n\\n'; echo err >&2")
        #expect((outputs["durationMillis"]?.numberValue ?? -1) >= 0)
    }

    // The variable comes from scripts/test's environment: setting it here (setenv) while other tests spawn
    // processes races with Foundation's copy of the environment and crashes the test process.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STEPWISE_TEST_SECRET"] == "leak"))
    func envIsAddedToAMinimalEnvironment() async throws {
        let outputs = try await invoke([
            "script": "echo \"$GREETING $COUNT ${STEPWISE_TEST_SECRET:-none}\"; command -v sh >/dev/null && echo path",
            "env": ["GREETING": "hi there", "COUNT": 3],
        ])
        #expect(outputs["stdout"] == "hi there 3 none\npath")
    }

    @Test func runsInTheWorkingDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputs = try await invoke(["script": "pwd -P", "workingDirectory": .string(directory.path)])
        #expect(outputs["stdout"]?.stringValue?.hasSuffix(directory.lastPathComponent) == true)
        let missing = await failure(["script": "pwd", "workingDirectory": "/nonexistent/stepwise"])
        #expect(missing?.code == .invalidInput)
    }

    @Test func nonZeroExitFailsWithStderr() async {
        let error = await failure(["script": "echo out; echo 'went wrong' >&2; exit 3"])
        #expect(error == ActionError(.failed, "shell script exited with code 3: went wrong"))
        let long = await failure(["script": "head -c 2000 /dev/zero | tr '\\0' e >&2; exit 1"])
        #expect(long?.message == "shell script exited with code 1: " + String(repeating: "e", count: 750))
    }

    @Test func noFailOnErrorReturnsTheExitCode() async throws {
        let outputs = try await invoke(["script": "echo bad >&2; exit 7", "noFailOnError": true])
        #expect(outputs["exitCode"] == 7)
        #expect(outputs["stderr"] == "bad")
    }

    @Test func outputIsCappedPerStream() async throws {
        let small = ShellAction(configuration: .init(maxOutputBytes: 1000))
        let outputs = try await invoke(["script": "head -c 300000 /dev/zero | tr '\\0' a; echo done >&2"], with: small)
        #expect(outputs["stdout"] == .string(String(repeating: "a", count: 1000) + "…[truncated]"))
        #expect(outputs["stderr"] == "done")
    }

    @Test(arguments: [
        ([:] as [String: JSONValue], "script"), (["script": 1], "script"), (["script": "true", "env": "x"], "env"),
        (["script": "true", "timeout": -1], "timeout"), (["script": "true", "noFailOnError": "yes"], "noFailOnError"),
    ])
    func invalidInputsNameTheInput(inputs: [String: JSONValue], name: String) async {
        let error = await failure(inputs)
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("\"\(name)") == true)
    }

    // The time limit leaves the shell time to write the pid file even on a loaded machine (0.3 s was not).
    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let pidFile = Self.pidFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let error = await failure(["script": .string("sleep 30 & echo $! > \(pidFile); wait"), "timeout": 1.5])
        #expect(error?.code == .timedOut)
        let pid = try Self.readPID(pidFile)
        #expect(await Self.gone(pid))
    }

    @Test func timeoutKillsChildrenThatIgnoreSIGTERM() async throws {
        let pidFile = Self.pidFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let script = "trap '' TERM; sleep 30 & echo $! > \(pidFile); wait; wait"
        let error = await failure(["script": .string(script), "timeout": 1.5])
        #expect(error?.code == .timedOut)
        #expect(await Self.gone(try Self.readPID(pidFile)))
    }

    @Test func cancellationKillsTheWholeProcessGroup() async throws {
        let pidFile = Self.pidFile()
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let task = Task { try await invoke(["script": .string("sleep 30 & echo $! > \(pidFile); wait")]) }
        var pid: Int32?
        for _ in 0..<200 where pid == nil {
            pid = try? Self.readPID(pidFile)
            if pid == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        task.cancel()
        await #expect(throws: ActionError(.canceled, "shell script canceled")) { try await task.value }
        let started = try #require(pid)
        #expect(await Self.gone(started))
    }

    private static func pidFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).pid").path
    }

    private static func readPID(_ path: String) throws -> Int32 {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return pid
    }

    /// Whether `pid` is gone (or a zombie) within 2 s.
    private static func gone(_ pid: Int32) async -> Bool {
        for _ in 0..<200 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
