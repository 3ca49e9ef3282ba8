import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// What every command that runs workflows shares: the actions available here, the clock, the executor.
enum CommandLineEngine {
    /// The core actions plus HTTP and shell, on `clock`.
    static func registry(clock: any Clock<Duration>) -> ActionRegistry {
        var registry = ActionRegistry.core(clock: clock)
        registry.registerHTTP()
        registry.registerShell()
        return registry
    }

    /// `ContinuousClock`, or a `VirtualClock` when waits should take no time.
    static func clock(virtual: Bool) -> any Clock<Duration> {
        virtual ? VirtualClock() : ContinuousClock()
    }

    /// An executor over `store` that prints progress on stderr and honours cancel requests from other processes.
    static func executor(
        registry: ActionRegistry, connections: ConnectionResolver? = nil, store: any InstanceStore,
        clock: any Clock<Duration>, progress: ProgressPrinter
    ) -> WorkflowExecutor {
        WorkflowExecutor(
            registry: registry, connections: connections, store: store, clock: clock, logger: Logger(label: "stepwise"),
            observer: { id, entries in progress.print(entries, instance: id) },
            cancelPollInterval: .milliseconds(200))
    }
}
