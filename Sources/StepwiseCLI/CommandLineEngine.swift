import ArgumentParser
import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowScript
import WorkflowStore

/// What every command that runs workflows shares: the actions available here, the clock, the executor.
enum CommandLineEngine {
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

    /// Starts one instance, runs it to its end (Ctrl-C cancels it) and returns its id and status.
    /// - Throws: `ExitCode(2)` when the executor refuses the instance (the reason is printed).
    /// - Parameter clock: the virtual clock of a dry run or `--virtual-time` run, halted at once on Ctrl-C (its
    ///   waits end at once, so a run in virtual time may otherwise compute without pause).
    static func runOne(
        _ request: StartRequest, on executor: WorkflowExecutor, clock: (any Clock<Duration>)? = nil
    ) async throws -> (String, InstanceStatus) {
        let instanceId: String
        do {
            instanceId = try await executor.start(request)
        } catch {
            FileHandle.standardError.write(Data("stepwise run: \(error)\n".utf8))
            throw ExitCode(2)
        }
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
        return (instanceId, status)
    }
}
