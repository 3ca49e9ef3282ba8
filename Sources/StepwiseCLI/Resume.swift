import ArgumentParser
import Foundation
import WorkflowEngine
import WorkflowRuntime
import WorkflowStore

extension Stepwise {
    /// `stepwise resume`: carries every unfinished instance in the database to its end, then exits.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every unfinished instance in the database to its end (after a crash or a kill).",
            discussion: """
                Each instance's journal is replayed: finished steps keep their outputs and never run again, steps \
                that were running run again (at-least-once), timers resume with the time they had left. Only \
                instances whose owner is gone (its lease expired) are taken; an instance whose resumptions kept \
                dying is quarantined instead. Exit status: 0 when every resumed instance succeeded, 1 otherwise.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(
            name: .customLong("actions"),
            help: "More action manifests, before the user's and the bundled ones (docs/actions.md).")
        var actionDirectories: [String] = []

        @Flag(help: "Skip every wait (retry and completion-gate intervals, core.sleep) with a virtual clock.")
        var virtualTime = false

        @OptionGroup var observability: ObservabilityOptions

        func run() async throws {
            let telemetry = try Observability.start(observability, metrics: false, for: "resume")
            try await telemetry.run { try await resume(telemetry: telemetry.telemetry) }
        }

        /// Resumes every unfinished instance and waits for them.
        private func resume(telemetry: Telemetry) async throws {
            let database = try await store.open()
            let unfinished = try await database.unfinished()
            guard !unfinished.isEmpty else {
                print("nothing to resume in \(store.shown)")
                return
            }
            let clock = CompositionRoot.clock(virtual: virtualTime)
            let executor = CompositionRoot.executor(
                registry: try CompositionRoot.registry(
                    clock: clock, manifests: ManifestSearchPath(explicit: actionDirectories, workflowFile: nil)),
                store: database,
                clock: clock,
                progress: ProgressPrinter(namesInstances: unfinished.count > 1), telemetry: telemetry)
            let interrupt = InterruptHandler {
                Task { for summary in unfinished { await executor.cancel(summary.id) } }
            }
            async let running: Void = executor.run()
            let (resumed, failed) = await executor.resumeUnfinished(definitions: database)
            for failure in failed {
                FileHandle.standardError.writeToConsole(
                    Data("stepwise resume: \(failure.id): \(failure.reason)\n".utf8))
            }
            let failures = failed.count
            let taken = Set(resumed + failed.map(\.id))
            let owned = unfinished.filter { !taken.contains($0.id) }.map(\.id)
            if !owned.isEmpty {
                FileHandle.standardError.writeToConsole(
                    Data(
                        "stepwise resume: not resumed, a live process owns them: \(owned.joined(separator: ", "))\n"
                            .utf8))
            }
            var statuses: [InstanceStatus] = []
            for id in resumed {
                let status = await executor.wait(for: id) ?? .instanceError
                statuses.append(status)
                print("\(id) \(status.rawValue)")
            }
            await executor.shutdown()
            await running
            interrupt.stop()
            if failures > 0 || statuses.contains(where: { $0 != .succeeded }) { throw ExitCode.failure }
        }
    }
}
