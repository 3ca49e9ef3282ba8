import Foundation
import Synchronization

/// An ``AuditLog`` kept in memory (tests, `--in-memory` servers): lost when the process ends.
public final class MemoryAuditLog: AuditLog {
    private let entries = Mutex<[AuditEntry]>([])

    /// An empty log.
    public init() {}

    public func record(_ entry: AuditEntry) async throws(StoreError) {
        entries.withLock { entries in
            var entry = entry
            entry.sequence = (entries.last?.sequence ?? 0) + 1
            entries.append(entry)
        }
    }

    public func auditEntries(limit: Int) async throws(StoreError) -> [AuditEntry] {
        entries.withLock { Array($0.suffix(max(limit, 0)).reversed()) }
    }

    public func pruneAudit(before cutoff: Date?, keepingAtMost maximum: Int?) async throws(StoreError) -> Int {
        entries.withLock { entries in
            let count = entries.count
            if let cutoff { entries.removeAll { $0.time < cutoff } }
            if let maximum, entries.count > max(maximum, 0) { entries.removeFirst(entries.count - max(maximum, 0)) }
            return count - entries.count
        }
    }
}
