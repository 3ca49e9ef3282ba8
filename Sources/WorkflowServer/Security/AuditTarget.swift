import Synchronization

/// The id a create or an execute made, handed from the route back to the audit middleware (the context is a
/// value: the route writes into this shared box).
final class AuditTarget: Sendable {
    private let id = Mutex<String?>(nil)

    /// Records the id.
    func set(_ value: String) { id.withLock { $0 = value } }

    /// The id recorded, if any.
    var value: String? { id.withLock { $0 } }
}

extension ServerRequestContext {
    /// Records the id a create or an execute made, for the audit trail.
    func recordTarget(_ id: String) {
        auditTarget?.set(id)
    }
}
