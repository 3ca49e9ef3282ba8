import Foundation

/// The audit trail of `stepwise serve`: every create, update, delete, execute and cancel made through the API.
///
/// A protocol of its own, beside ``InstanceStore`` and ``DefinitionStore``, so that a store adopts it on its own
/// schedule. Implementations: ``MemoryAuditLog``, ``SQLiteStore`` and the PostgreSQL store.
public protocol AuditLog: Sendable {
    /// Records `entry` (its `sequence` is ignored: the store numbers entries).
    /// - Throws: ``StoreError`` when the store cannot write it.
    func record(_ entry: AuditEntry) async throws(StoreError)

    /// The `limit` most recent entries, newest first.
    /// - Throws: ``StoreError`` when the store cannot read them.
    func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry]

    /// Removes the entries recorded before `cutoff` (when given), then the oldest ones past the `maximum` most
    /// recent (when given): a bounded trail (docs/security.md, "Retention").
    /// - Returns: how many entries were removed.
    /// - Throws: ``StoreError`` when the store cannot remove them.
    func pruneAudit(before cutoff: Date?, keepingAtMost maximum: Int?) async throws(StoreError) -> Int
}
