import ArgumentParser
import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowScript
import WorkflowStore

/// The command line's composition root: what every command that runs workflows shares — the actions available
/// here, the clock, the executor.
enum CompositionRoot {
    /// The process's JavaScript engine (its pooled contexts are shared by every run): `${ … }` templates and the
    /// data-transformation actions.
    static let javaScript = JavaScriptEngine()

    /// The core actions, HTTP and shell (`ActionRegistry.standard`), child workflows (`triggerWorkflow`, run by an
    /// executor given the database's definitions), the data-transformation (JavaScript) actions, plus the
    /// manifests of each folder of `searchPath` (a higher-priority folder's manifest replaces a lower one's).
    /// - Throws: a malformed manifest, naming its file.
    static func registry(
        clock: any Clock<Duration>, manifests searchPath: ManifestSearchPath
    ) throws
        -> ActionRegistry
    {
        var registry = builtIn(clock: clock)
        for folder in searchPath.folders.reversed() {
            try registry.registerManifests(try ActionManifest.load(directory: folder.path), replacingManifests: true)
        }
        return registry
    }

    /// The actions every run has, without manifests.
    static func builtIn(clock: any Clock<Duration> = ContinuousClock()) -> ActionRegistry {
        var registry = ActionRegistry.standard(clock: clock)
        registry.registerChildWorkflows()
        registry.registerDataTransformation(engine: javaScript)
        registerBundles(in: &registry)
        return registry
    }

    /// `ContinuousClock`, or a `VirtualClock` when waits should take no time.
    static func clock(virtual: Bool) -> any Clock<Duration> {
        virtual ? VirtualClock() : ContinuousClock()
    }

    /// The instance's own time on a virtual clock: `start` plus the clock's elapsed time, so journal times (and
    /// the progress lines and reports drawn from them) show waits as they would have happened.
    static func virtualNow(from start: Date, on clock: VirtualClock) -> @Sendable () -> Date {
        {
            let (seconds, attoseconds) = clock.elapsed.components
            return start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        }
    }

    /// An executor over `store` that prints progress on stderr and honours cancel requests from other processes;
    /// child workflow steps start the workflows stored in `store`. `now` stamps the journal (the instance's clock).
    static func executor(
        registry: ActionRegistry, connections: ConnectionResolver? = nil, store: any InstanceStore & DefinitionStore,
        clock: any Clock<Duration>, now: @escaping @Sendable () -> Date = { Date() }, progress: ProgressPrinter,
        telemetry: Telemetry = .off
    ) -> WorkflowExecutor {
        WorkflowExecutor(
            registry: registry, connections: connections, store: store, clock: clock, logger: Logger(label: "stepwise"),
            now: now, observer: { id, entries in progress.print(entries, instance: id) },
            cancelPollInterval: .milliseconds(200), definitions: store, expressionEvaluator: javaScript,
            telemetry: telemetry)
    }

    /// Launches one instance, says so on stderr (its id and how to look at it), runs it to its end (Ctrl-C
    /// cancels it) and returns it with its status.
    /// - Throws: `ExitCode(2)` when the launcher refuses the start (`refusal` words the reason printed).
    /// - Parameters:
    ///   - clock: the virtual clock of a dry run or `--virtual-time` run, halted at once on Ctrl-C (its waits end
    ///     at once, so a run in virtual time may otherwise compute without pause).
    ///   - stored: whether the instance is kept in a store that `stepwise instances get` reads.
    static func runOne(
        _ launch: Launch, on executor: WorkflowExecutor, clock: (any Clock<Duration>)? = nil, stored: Bool = true,
        refusal: (LaunchError) -> String = { "\($0)" }
    ) async throws -> (LaunchedInstance, InstanceStatus) {
        let started: LaunchedInstance
        do {
            started = try await executor.launcher.launch(launch)
        } catch {
            FileHandle.standardError.writeToConsole(Data("stepwise run: \(refusal(error))\n".utf8))
            throw ExitCode(2)
        }
        let instanceId = started.instanceId
        let lookAt = stored ? " (stepwise instances get \(instanceId.prefix(8)))" : ""
        FileHandle.standardError.writeToConsole(
            Data("instance \(instanceId) of \"\(started.plan.workflowName)\"\(lookAt)\n".utf8))
        let virtual = clock as? VirtualClock
        let interrupt = InterruptHandler {
            virtual?.halt()
            Task { await executor.cancel(instanceId) }
        }
        async let running: Void = executor.run()
        let status = await executor.wait(for: instanceId) ?? .instanceError
        await executor.shutdown()
        await running
        interrupt.stop()
        return (started, status)
    }
}
