import Foundation
import Logging
import ServiceLifecycle
import WorkflowStore

/// Keeps the audit trail bounded: prunes it as ``AuditRetention`` says when the server starts, then every
/// interval on `clock`, until the server shuts down. A failed prune is logged and tried again next time.
public struct AuditRetentionService: Service {
    let audit: any AuditLog
    let retention: AuditRetention
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger

    /// A service pruning `audit` by `retention`, waking on `clock` and reading the time from `now`.
    public init(
        audit: any AuditLog, retention: AuditRetention, clock: any Clock<Duration>,
        now: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.audit = audit
        self.retention = retention
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        guard retention.prunes else { return }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pruneOnce()
                do {
                    try await clock.sleep(for: retention.interval)
                } catch {
                    return
                }
            }
        }
    }

    /// One pass: removes what the policy no longer keeps.
    /// - Returns: how many entries were removed (`0` when the store failed, which is logged).
    @discardableResult
    public func pruneOnce() async -> Int {
        let cutoff = retention.maxAge.map { now().addingTimeInterval(-Self.seconds($0)) }
        do {
            let removed = try await audit.pruneAudit(before: cutoff, keepingAtMost: retention.maxEntries)
            if removed > 0 { logger.info("audit trail pruned", metadata: ["removed": "\(removed)"]) }
            return removed
        } catch {
            logger.warning("the audit trail could not be pruned", metadata: ["error": "\(error)"])
            return 0
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
