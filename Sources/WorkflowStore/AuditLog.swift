/// The audit trail of `stepwise serve`: every create, update, delete, execute and cancel made through the API.
///
/// A protocol of its own, beside ``InstanceStore`` and ``DefinitionStore``, so that a store adopts it on its own
/// schedule. Implementations: ``MemoryAuditLog`` and ``SQLiteStore``.
public protocol AuditLog: Sendable {
    /// Records `entry` (its `sequence` is ignored: the store numbers entries).
    /// - Throws: ``StoreError`` when the store cannot write it.
    func record(_ entry: AuditEntry) async throws(StoreError)

    /// The `limit` most recent entries, newest first.
    /// - Throws: ``StoreError`` when the store cannot read them.
    func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry]
}
