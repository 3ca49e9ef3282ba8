import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// Cancels an instance no process runs any more, by writing the journal events its runner would have written,
/// after ending the shell steps' process groups its dead process left running.
enum OrphanCancellation {
    /// Claims `id` when no live process owns it (docs/ownership.md); `nil` when one does.
    static func claim(_ id: String, in store: any InstanceStore) async throws -> InstanceLease? {
        do {
            return try await OwnershipOptions().claim(id, in: store)
        } catch  where error.code == .leaseHeld {
            return nil
        }
    }

    /// Cancels `id` under `lease` (just claimed): its orphaned process groups end first, then the cancel events
    /// are written, fenced by the lease, and the lease is released.
    static func cancel(_ id: String, in store: any InstanceStore, holding lease: InstanceLease) async throws {
        do {
            try await writeCancel(id, in: store, fencedBy: lease)
        } catch {
            try? await store.release(lease)
            throw error
        }
        try await store.release(lease)
    }

    private static func writeCancel(
        _ id: String, in store: any InstanceStore, fencedBy lease: InstanceLease
    )
        async throws
    {
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
        try await store.append(instance: id, entries, fencedBy: lease)
    }
}
