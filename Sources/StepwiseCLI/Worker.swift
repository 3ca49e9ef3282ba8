import ArgumentParser
import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowRuntime
import WorkflowStore

extension Stepwise {
    /// `stepwise worker`: runs the database's instances without serving HTTP, beside other workers and servers.
    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the database's instances, beside other workers and servers (docs/workers.md).",
            discussion: """
                Claims unfinished instances no live process owns — those a `serve --no-execute` created, and \
                those whose process died (its lease expired) — and carries each on from its journal: finished \
                steps never run again, steps that were running run again. Prints a line per claim and per end on \
                stderr. SIGTERM or SIGINT drains: no new claims, no new steps; each instance is handed back as \
                soon as its running steps ended, and what still runs after --drain-timeout is handed back then.
                """
        )

        @OptionGroup var store: StoreOptions

        @OptionGroup var worker: WorkerOptions

        @Option(
            name: .customLong("actions"),
            help: "More action manifests, before the user's and the bundled ones (docs/actions.md).")
        var actionDirectories: [String] = []

        @OptionGroup var observability: ObservabilityOptions

        @Option(help: "Serve the worker's metrics at http://127.0.0.1:PORT/metrics (0 picks a port).")
        var metricsPort: Int?

        @OptionGroup var metricsListener: MetricsListenerOptions

        func run() async throws {
            // A worker holds many parked instances: keep freed memory in few arenas, so it goes back.
            MallocArenas.cap(at: 2)
            let telemetry = try Observability.start(observability, metrics: metricsPort != nil, for: "worker")
            let listener = try telemetry.metricsListener(port: metricsPort, options: metricsListener, for: "worker")
            try await telemetry.run(metrics: listener) {
                try await work(telemetry: telemetry.telemetry)
            }
        }

        /// Claims and runs instances until SIGTERM or SIGINT, then drains.
        private func work(telemetry: Telemetry) async throws {
            let database: StoreOptions.Store
            let registry: ActionRegistry
            do {
                database = try await store.open()
                registry = try CompositionRoot.registry(
                    clock: ContinuousClock(),
                    manifests: ManifestSearchPath(explicit: actionDirectories, workflowFile: nil))
            } catch {
                FileHandle.standardError.writeToConsole(Data("stepwise worker: \(error)\n".utf8))
                throw ExitCode(2)
            }
            var logger = Logger(label: "stepwise.worker")
            logger.logLevel = observability.logLevel
            let executor = WorkflowExecutor(
                registry: registry, store: database, logger: logger,
                observer: { id, entries in
                    for entry in entries {
                        if case .instanceFinished(let status, _, _) = entry.event {
                            Self.say("finished \(id) \(status.rawValue)")
                        }
                    }
                },
                cancelPollInterval: .milliseconds(200), definitions: database,
                expressionEvaluator: CompositionRoot.javaScript, ownership: worker.ownership, telemetry: telemetry,
                executes: true, parkAfter: worker.parking)
            let (stops, stop) = AsyncStream.makeStream(of: Void.self)
            let interrupt = InterruptHandler { stop.yield() }
            Self.say("working on \(store.shown) (pid \(ProcessInfo.processInfo.processIdentifier))")
            async let running: Void = executor.run()
            async let claiming: Void = executor.claimWork(definitions: database, options: worker.claims) { claimed in
                Self.say(
                    "\(claimed.isTakeover ? "took over" : "claimed") \(claimed.instanceId) (epoch \(claimed.epoch))")
            }
            for await _ in stops { break }
            Self.say("draining \(executor.runningCount) instance(s), up to \(worker.drainTimeout) s")
            let handedBack = await executor.drain(timeout: WorkerOptions.duration(worker.drainTimeout))
            await claiming
            await executor.shutdown()
            await running
            interrupt.stop()
            Self.say("stopped (\(handedBack) instance(s) were still running at the drain timeout)")
        }

        /// One line on stderr, stamped with the time to the millisecond.
        static func say(_ text: String) {
            let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            FileHandle.standardError.writeToConsole(Data("stepwise worker: \(time) \(text)\n".utf8))
        }
    }
}
