import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Cancels an instance no process runs any more, by writing the journal events its runner would have written,
/// after ending the shell steps' process groups its dead process left running.
enum OrphanCancellation {
    static func cancel(_ id: String, in store: any InstanceStore) async throws {
        guard let instance = try await store.instance(id: id), instance.status == .inProgress else { return }
        let journal = try await store.journal(instance: id)
        await OrphanedProcesses.end(recordedIn: journal)
        var sequence = (journal.last?.sequence ?? -1) + 1
        let now = Date()
        var entries: [JournalEntry] = []
        for step in instance.steps where step.state == .inProgress || step.state == .waiting {
            entries.append(JournalEntry(sequence: sequence, time: now, event: .stepCanceled(step: step.name)))
            sequence += 1
        }
        entries.append(
            JournalEntry(
                sequence: sequence, time: now,
                event: .instanceFinished(status: .canceled, outputs: .emptyObject, error: nil)))
        try await store.append(instance: id, entries)
        // The request stays: should a process still be running the instance after all, it cancels it too.
    }
}
