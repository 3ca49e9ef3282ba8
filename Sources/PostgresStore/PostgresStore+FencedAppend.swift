import Foundation
import PostgresNIO
import WorkflowEngine
import WorkflowStore

/// The hot path: a running instance's turn, written by its lease's owner in one statement shared with the turns of
/// other instances (``PostgresAppendBatcher``, ``FencedAppendStatement``).
extension PostgresStore {
    /// Appends `entries` while `lease` is the instance's current one; a lost lease writes nothing.
    func fencedAppend(instance id: String, _ entries: [JournalEntry], lease: InstanceLease) async throws(StoreError) {
        let rows = try EncodedEntries(entries, instance: id)
        let snapshot = try await live.fold(entries, into: id) { () async throws(StoreError) in try await loadLive(id) }
        let outcome: PostgresAppendBatcher.Outcome
        do {
            outcome = try await appends.append(
                FencedAppendStatement.Append(instance: id, rows: rows, fence: lease, snapshot: snapshot))
        } catch {
            // The cached fold is ahead of the database now: drop it, the next append folds from the rows.
            live.drop(id)
            throw storeError(error, "appending to instance \(id)")
        }
        switch outcome {
        case .written(let snapshotStored):
            if snapshot != nil, !snapshotStored {
                // Another process wrote this instance since this one cached its summary: fold from the rows.
                live.drop(id)
                try await storeSnapshot(of: id)
            }
        case .notFound:
            live.drop(id)
            throw StoreError(.notFound, "no instance \(id)")
        case .leaseLost:
            live.drop(id)
            throw StoreError(.leaseLost, "instance \(id) was claimed by another process; its write was refused")
        }
    }

    /// Rewrites the summary row of `id` from its stored rows (the snapshot plus the journal after it).
    private func storeSnapshot(of id: String) async throws(StoreError) {
        let logger = self.logger
        try await write("storing the summary of instance \(id)") { connection in
            guard
                let seq = try await Self.first(
                    Int.self, "SELECT seq FROM instances WHERE id = \(id) FOR NO KEY UPDATE", on: connection, logger)
            else { throw StoreError(.notFound, "no instance \(id)") }
            let snapshot = try await Self.snapshot(of: seq, on: connection, logger)
            try await Self.run(
                """
                UPDATE instances SET status = \(snapshot.status), ended_at = \(snapshot.endedAt),
                    summary = \(snapshot.summary), summary_through = \(snapshot.through)
                WHERE seq = \(seq)
                """, on: connection, logger)
        }
    }
}
