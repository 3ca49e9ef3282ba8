import ArgumentParser
import Foundation
import Logging
import WorkflowAPI
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

extension Stepwise {
    /// `stepwise run FILE`: runs a workflow once, here, and shows every step as it goes.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a workflow once on this machine.",
            discussion: """
                FILE is a bare spec, a create/update request body or a GET-workflow response, in JSON or YAML. \
                Progress goes to stderr. Exit status: 0 when the instance succeeded, 1 when it failed or was \
                canceled, 2 when the run was refused (invalid spec, bad inputs, unknown action, a parameter an \
                action manifest refuses, a connection that cannot be resolved). With --dry-run nothing outside \
                Stepwise runs: see docs/dry-run.md.
                """
        )

        @Argument(help: "The workflow file.")
        var file: String

        @Option(name: .customLong("input"), help: "An input as name=value, converted to the declared type.")
        var input: [String] = []

        @Option(name: .customLong("inputs"), help: "A JSON file with every input as an object.")
        var inputsFile: String?

        @Option(
            help: "The trigger that fires (api, workflow, monitor, …). Default: workflow, else api, else the only one.")
        var trigger: String?

        @Option(name: .customLong("source"), help: "A JSON file with the trigger event, readable as Source.")
        var sourceFile: String?

        @OptionGroup var store: StoreOptions

        @Flag(help: "Keep the instance in memory only (nothing is written to the database).")
        var inMemory = false

        @OptionGroup var actionOptions: ActionOptions

        @Flag(help: "Print the instance as GET /api/v2/workflows/{id}/instances/{instance_id} returns it.")
        var json = false

        @Flag(
            help: """
                Skip every wait (retry and completion-gate intervals, core.sleep) by moving a virtual clock \
                forward: the run takes no wall-clock time, and waits still happen in order.
                """)
        var virtualTime = false

        @Option(help: "Write a self-contained HTML report of the run (graph, timeline, steps) to this file.")
        var report: String?

        @OptionGroup var observability: ObservabilityOptions

        @Option(help: "Serve the run's metrics at http://127.0.0.1:PORT/metrics while it runs (0 picks a port).")
        var metricsPort: Int?

        func run() async throws {
            let telemetry = try Observability.start(observability, metrics: metricsPort != nil, for: "run")
            let listener = try telemetry.metricsListener(port: metricsPort, for: "run")
            let status = try await telemetry.run(metrics: listener) {
                try await execute(telemetry: telemetry.telemetry)
            }
            throw status == .succeeded ? ExitCode.success : ExitCode.failure
        }

        /// Prepares the run, then runs it (a dry run, or for real) and returns its status.
        private func execute(telemetry: Telemetry) async throws -> InstanceStatus {
            let virtualClock = VirtualClock()
            let clock: any Clock<Duration> =
                virtualTime || actionOptions.dryRun ? virtualClock : ContinuousClock()
            let prepared: PreparedRun
            do {
                prepared = try PreparedRun(
                    file: file, inputArguments: input, inputsFile: inputsFile, trigger: trigger,
                    sourceFile: sourceFile, actionOptions: actionOptions, clock: clock)
            } catch let problem as FileProblem {
                problem.report()
                throw ExitCode(2)
            } catch {
                FileHandle.standardError.writeToConsole(Data("stepwise run: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let status: InstanceStatus
            if let recorder = prepared.recorder {
                status = try await DryRun(
                    prepared: prepared, recorder: recorder, clock: virtualClock, json: json, report: report,
                    telemetry: telemetry
                )
                .execute()
            } else {
                status = try await execute(prepared, clock: clock, telemetry: telemetry)
            }
            return status
        }

        private func execute(
            _ prepared: PreparedRun, clock: any Clock<Duration>, telemetry: Telemetry
        ) async throws -> InstanceStatus {
            let database: any InstanceStore & DefinitionStore
            let launch: Launch
            do {
                database = inMemory ? MemoryStores() : try await store.open()
                launch = try await prepared.launch(recordingIn: database)
            } catch {
                FileHandle.standardError.writeToConsole(Data("stepwise run: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let start = Date()
            // Under --virtual-time the journal (so the progress and the report) shows the instance's own clock.
            let now: @Sendable () -> Date
            if let virtual = clock as? VirtualClock {
                now = CompositionRoot.virtualNow(from: start, on: virtual)
            } else {
                now = { Date() }
            }
            let progress = ProgressPrinter(started: start)
            let executor = CompositionRoot.executor(
                registry: prepared.registry, connections: prepared.connections, store: database, clock: clock,
                now: now, progress: progress, telemetry: telemetry)
            progress.expect(launch.instanceId)
            let (started, status) = try await CompositionRoot.runOne(
                launch, on: executor, clock: clock, stored: !inMemory, refusal: prepared.refusal)
            let instanceId = started.instanceId
            if let report {
                await ReportFile.write(
                    to: report, title: prepared.name, spec: prepared.spec, instanceId: instanceId, store: database,
                    virtualTime: virtualTime,
                    notes: virtualTime ? ["--virtual-time: waits took no wall-clock time; times are virtual"] : [])
            }
            guard let summary = try await database.instance(id: instanceId) else { return status }
            // stdout holds the result: the GET-instance body with --json, else the workflow's outputs.
            let result = json ? InstanceResource.getBody(summary) : summary.outputs
            FileHandle.standardOutput.writeToConsole(result.jsonData(pretty: true) + Data("\n".utf8))
            return status
        }
    }
}
