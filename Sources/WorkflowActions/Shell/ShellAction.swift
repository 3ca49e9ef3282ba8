import Foundation
import Subprocess
import Synchronization
import SystemPackage
import WorkflowModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `com.datadoghq.script.runShellScript`: `/bin/sh -c <script>` through swift-subprocess.
///
/// Inputs: `script` (required), `args` (strings, the script's `$1`, `$2`, …), `env` (object of strings, added to a minimal environment inherited from
/// Stepwise: `PATH`, `HOME`, `USER`, `LOGNAME`, `LANG`, `LC_ALL`, `TZ`, `TMPDIR`, `SHELL`), `workingDirectory`
/// (must exist), `timeout` (seconds; default from the configuration), `noFailOnError`, `noStripTrailingNewline`.
/// Outputs: `{executedCommand, exitCode, stdout, stderr, durationMillis}`; one trailing newline is stripped
/// from each stream; each stream keeps at most ``Configuration/maxOutputBytes`` (then `…[truncated]`).
/// A script killed by a signal reports exit code 128 + signal, as shells do.
///
/// The script leads its own session and process group. Timeout and cancellation send SIGTERM to the
/// whole group, then SIGKILL after ``Configuration/terminationGrace``; processes the script leaves running
/// in its group after it exits are terminated the same way.
public struct ShellAction: Action {
    /// Limits for every script.
    public struct Configuration: Sendable {
        /// The time limit when a step gives no `timeout`.
        public var defaultTimeout: Duration
        /// Bytes kept per stream (stdout, stderr).
        public var maxOutputBytes: Int
        /// How long a group has between SIGTERM and SIGKILL.
        public var terminationGrace: Duration
        /// The shell that runs the script with `-c`.
        public var shell: String

        /// - Parameters:
        ///   - defaultTimeout: 300 s unless given.
        ///   - maxOutputBytes: 1 MiB unless given.
        ///   - terminationGrace: 2 s unless given.
        ///   - shell: `/bin/sh` unless given.
        public init(
            defaultTimeout: Duration = .seconds(300), maxOutputBytes: Int = 1 << 20,
            terminationGrace: Duration = .seconds(2), shell: String = "/bin/sh"
        ) {
            self.defaultTimeout = defaultTimeout
            self.maxOutputBytes = maxOutputBytes
            self.terminationGrace = terminationGrace
            self.shell = shell
        }
    }

    /// Inherited variables that scripts see (when Stepwise has them).
    public static let inheritedVariables = [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TZ", "TMPDIR", "SHELL",
    ]

    /// The longest stderr excerpt a failure message carries.
    public static let messageStderrLimit = 750

    /// Its limits.
    public let configuration: Configuration

    /// - Parameter configuration: limits for every script.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Runs the script.
    /// - Throws: ``ActionError`` `.invalidInput` for a missing `script` or a malformed input; `.failed` for a
    ///   non-zero exit (unless `noFailOnError`: then the exit code is an output, not an error) or a script
    ///   that cannot start; `.timedOut` when `timeout` ends; `.canceled` when the task is cancelled.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let request = try ShellRequest(inputs: invocation.inputs, defaultTimeout: configuration.defaultTimeout)
        var environment = request.environment
        for (name, value) in invocation.traceHeaders where environment[name.uppercased()] == nil {
            environment[name.uppercased()] = value
        }
        let finished = try await execute(
            ProcessCommand(
                executable: configuration.shell, arguments: ["-c", request.script, "sh"] + request.arguments,
                environment: environment, workingDirectory: request.workingDirectory,
                timeout: request.timeout, outputLimit: configuration.maxOutputBytes),
            what: "shell script", processStarted: invocation.processStarted)
        return try finished.outcome.result(
            script: request.script, durationMillis: finished.elapsed / .milliseconds(1),
            noFailOnError: request.noFailOnError, stripTrailingNewline: request.stripTrailingNewline)
    }

    /// Runs `command` in its own session and process group and collects its output; `processStarted` learns the
    /// group (and its leader's start time) as soon as it exists, so a runtime can record it.
    /// - Throws: ``ActionError`` `.failed` when it cannot start, `.timedOut` when its time limit ends (the
    ///   message names `what`), `.canceled` when the task is cancelled.
    func execute(
        _ command: ProcessCommand, what: String,
        processStarted: (@Sendable (ProcessGroup, _ startTime: UInt64) -> Void)? = nil
    ) async throws(ActionError) -> (
        outcome: ShellOutcome, elapsed: Duration
    ) {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: configuration.terminationGrace)
        ]
        let subprocessConfiguration = Subprocess.Configuration(
            executable: command.executable.contains("/")
                ? .path(FilePath(command.executable)) : .name(command.executable),
            arguments: Arguments(command.arguments),
            environment: .custom(Self.environment(adding: command.environment)),
            workingDirectory: command.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
        let clock = ContinuousClock()
        let started = clock.now
        let state = ShellRunState()
        let outcome: ShellOutcome
        do {
            let result = try await Subprocess.run(
                subprocessConfiguration, input: .none, output: .sequence, error: .sequence
            ) { execution in
                let processGroup = ProcessGroup(id: execution.processIdentifier.value)
                state.group.withLock { $0 = processGroup }
                processStarted?(processGroup, ProcessGroup.startTime(of: processGroup.id) ?? 0)
                return await Self.collect(
                    execution, limit: command.outputLimit, timeout: command.timeout,
                    grace: configuration.terminationGrace, group: processGroup, state: state)
            }
            outcome = ShellOutcome(
                status: result.terminationStatus, stdout: result.closureResult.stdout,
                stderr: result.closureResult.stderr)
        } catch {
            await state.group.withLock { $0 }.terminate(grace: configuration.terminationGrace)
            if Task.isCancelled { throw ActionError(.canceled, "\(what) canceled") }
            throw ActionError(.failed, "\(what) could not run: \(error)")
        }
        // Whatever the script left running in its group goes with it.
        await state.group.withLock { $0 }.terminate(grace: configuration.terminationGrace)
        let elapsed = started.duration(to: clock.now)
        if Task.isCancelled { throw ActionError(.canceled, "\(what) canceled") }
        if state.timedOut.load(ordering: .acquiring) {
            throw ActionError(.timedOut, command.timeoutMessage ?? "\(what) timed out after \(command.timeout)")
        }
        return (outcome, elapsed)
    }

    private static func environment(adding extra: [String: String]) -> [Environment.Key: String] {
        var result: [Environment.Key: String] = [:]
        let current = ProcessInfo.processInfo.environment
        for name in inheritedVariables {
            if let value = current[name], let key = Environment.Key(rawValue: name) { result[key] = value }
        }
        if result[Environment.Key("PATH")] == nil { result[Environment.Key("PATH")] = "/usr/local/bin:/usr/bin:/bin" }
        for (name, value) in extra {
            if let key = Environment.Key(rawValue: name) { result[key] = value }
        }
        return result
    }

    /// What the watchdog and the body share with the caller.
    private final class ShellRunState: Sendable {
        let timedOut = Atomic(false)
        let group = Mutex(ProcessGroup(id: 0))
    }

    private enum Part: Sendable {
        case stdout(CappedOutput)
        case stderr(CappedOutput)
    }

    /// Drains both streams while a watchdog enforces the time limit.
    private static func collect(
        _ execution: Execution<NoInput, SequenceOutput, SequenceOutput>, limit: Int, timeout: Duration,
        grace: Duration, group: ProcessGroup, state: ShellRunState
    ) async -> (stdout: CappedOutput, stderr: CappedOutput) {
        let watchdog = ShellWatchdog(group: group, timeout: timeout, grace: grace) {
            state.timedOut.store(true, ordering: .releasing)
        }
        defer { watchdog.stop() }
        return await withTaskGroup(of: Part.self) { tasks in
            tasks.addTask { .stdout(await drain(execution.standardOutput, limit: limit)) }
            tasks.addTask { .stderr(await drain(execution.standardError, limit: limit)) }
            var stdout = CappedOutput(limit: limit)
            var stderr = CappedOutput(limit: limit)
            while let part = await tasks.next() {
                switch part {
                case .stdout(let output): stdout = output
                case .stderr(let output): stderr = output
                }
            }
            return (stdout, stderr)
        }
    }

    private static func drain(_ sequence: SubprocessOutputSequence, limit: Int) async -> CappedOutput {
        var output = CappedOutput(limit: limit)
        do {
            for try await buffer in sequence {
                buffer.withUnsafeBytes { output.append($0) }
            }
        } catch {
            // The stream was cut (cancellation, or the shell exited while a descendant kept the pipe open):
            // keep what was read.
        }
        return output
    }
}
