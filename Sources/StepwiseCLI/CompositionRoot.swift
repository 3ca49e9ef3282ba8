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
    /// manifests of `./actions` (when present) and of each of `directories`.
    /// - Throws: a malformed manifest, naming its file.
    static func registry(clock: any Clock<Duration>, manifests directories: [String]) throws -> ActionRegistry {
        var registry = ActionRegistry.standard(clock: clock)
        registry.registerChildWorkflows()
        registry.registerDataTransformation(engine: javaScript)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "actions", isDirectory: &isDirectory), isDirectory.boolValue {
            try registry.registerManifests(try ActionManifest.load(directory: "actions"))
        }
        for directory in directories {
            try registry.registerManifests(try ActionManifest.load(directory: directory), replacingManifests: true)
        }
        return registry
    }

    /// `ContinuousClock`, or a `VirtualClock` when waits should take no time.
    static func clock(virtual: Bool) -> any Clock<Duration> {
        virtual ? VirtualClock() : ContinuousClock()
    }

    /// An executor over `store` that prints progress on stderr and honours cancel requests from other processes;
    /// child workflow steps start the workflows stored in `store`.
    static func executor(
        registry: ActionRegistry, connections: ConnectionResolver? = nil, store: any InstanceStore & DefinitionStore,
        clock: any Clock<Duration>, progress: ProgressPrinter
    ) -> WorkflowExecutor {
        WorkflowExecutor(
            registry: registry, connections: connections, store: store, clock: clock, logger: Logger(label: "stepwise"),
            observer: { id, entries in progress.print(entries, instance: id) },
            cancelPollInterval: .milliseconds(200), definitions: store, expressionEvaluator: javaScript)
    }

    /// Launches one instance, runs it to its end (Ctrl-C cancels it) and returns it with its status.
    /// - Throws: `ExitCode(2)` when the launcher refuses the start (`refusal` words the reason printed).
    static func runOne(
        _ launch: Launch, on executor: WorkflowExecutor, refusal: (LaunchError) -> String = { "\($0)" }
    ) async throws -> (LaunchedInstance, InstanceStatus) {
        let started: LaunchedInstance
        do {
            started = try await executor.launcher.launch(launch)
        } catch {
            FileHandle.standardError.write(Data("stepwise run: \(refusal(error))\n".utf8))
            throw ExitCode(2)
        }
        let instanceId = started.instanceId
        let interrupt = InterruptHandler { Task { await executor.cancel(instanceId) } }
        async let running: Void = executor.run()
        let status = await executor.wait(for: instanceId) ?? .instanceError
        await executor.shutdown()
        await running
        interrupt.stop()
        return (started, status)
    }
}
