import Foundation
import WorkflowEngine
import WorkflowGraphics
import WorkflowModel
import WorkflowStore

/// `--report FILE`: writes the HTML run report of a finished instance.
enum ReportFile {
    /// Writes the report of `instanceId` from `store` to `path`; a failure is printed, not thrown (the run itself
    /// already happened).
    static func write(
        to path: String, title: String, spec: WorkflowSpec, instanceId: String, store: any InstanceStore,
        virtualTime: Bool, notes: [String] = []
    ) async {
        do {
            guard let summary = try await store.instance(id: instanceId) else { return }
            let journal = try await store.journal(instance: instanceId)
            let report = RunReport(
                title: title, spec: spec, summary: summary, journal: journal, virtualTime: virtualTime, notes: notes)
            try Data(report.html().utf8).write(to: URL(fileURLWithPath: path))
            FileHandle.standardError.writeToConsole(Data("report written to \(path)\n".utf8))
        } catch {
            FileHandle.standardError.writeToConsole(
                Data("stepwise run: cannot write the report \(path): \(error)\n".utf8))
        }
    }
}
