import ArgumentParser
import Foundation
import Logging
import Synchronization
import WorkflowAPI
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// `stepwise run --dry-run`: runs the prepared workflow against in-memory stores (no database is written) on
/// virtual time, then prints the report (stderr) and, with `--json`, the instance with the report beside it.
struct DryRun {
    let prepared: PreparedRun
    let recorder: DryRunRecorder
    let clock: VirtualClock
    let json: Bool
    /// `--report FILE`, when given.
    var report: String?
    /// Where the run's spans go (with `OTEL_EXPORTER_OTLP_ENDPOINT` set), marked as a dry run's.
    var telemetry: Telemetry = .off

    func execute() async throws -> InstanceStatus {
        let definitions = MemoryDefinitionStore()
        let instances = MemoryInstanceStore()
        let launch: Launch
        do {
            launch = try await prepared.launch(recordingIn: definitions)
        } catch {
            FileHandle.standardError.writeToConsole(Data("stepwise run: \(error)\n".utf8))
            throw ExitCode(2)
        }
        // Journal times are virtual: the start plus the virtual clock's elapsed time.
        let start = Date()
        let now = CompositionRoot.virtualNow(from: start, on: clock)
        let progress = ProgressPrinter(started: start)
        let journal = Mutex<[JournalEntry]>([])
        var dryRunTelemetry = telemetry
        dryRunTelemetry.dryRun = true
        let executor = WorkflowExecutor(
            registry: prepared.registry, store: instances, clock: clock, logger: Logger(label: "stepwise.dry-run"),
            now: now,
            observer: { id, entries in
                journal.withLock { $0 += entries }
                progress.print(entries, instance: id)
            }, expressionEvaluator: CompositionRoot.javaScript, telemetry: dryRunTelemetry)
        progress.expect(launch.instanceId)
        let (started, status) = try await CompositionRoot.runOne(
            launch, on: executor, clock: clock, stored: false, refusal: prepared.refusal)
        let instanceId = started.instanceId
        let report = DryRunReport(
            plan: started.plan, journal: journal.withLock { $0 }, startedAt: start, recorder: recorder)
        FileHandle.standardError.writeToConsole(Data(report.text.utf8))
        if let path = self.report {
            await ReportFile.write(
                to: path, title: prepared.name, spec: prepared.spec, instanceId: instanceId, store: instances,
                virtualTime: true, notes: ["dry run: nothing outside Stepwise ran"] + report.warnings)
        }
        guard let summary = try await instances.instance(id: instanceId) else { return status }
        if json {
            var body = InstanceResource.getBody(summary).objectValue ?? [:]
            body["dryRun"] = report.json
            FileHandle.standardOutput.writeToConsole(JSONValue.object(body).jsonData(pretty: true) + Data("\n".utf8))
        } else {
            FileHandle.standardOutput.writeToConsole(summary.outputs.jsonData(pretty: true) + Data("\n".utf8))
        }
        return status
    }
}
