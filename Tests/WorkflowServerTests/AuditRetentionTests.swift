import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import WorkflowServer
import WorkflowStore
import WorkflowTestSupport

/// The audit trail stays bounded: ``AuditRetentionService`` prunes at start and then every interval of an
/// injected clock, by age (against the injected time) and by count.
@Suite("Audit retention")
struct AuditRetentionTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func entry(at time: Date, _ status: Int) -> AuditEntry {
        AuditEntry(time: time, keyName: "ops", method: "POST", route: "/api/v2/workflows", target: nil, status: status)
    }

    @Test("at start and then every interval, entries past the age limit go; the count cap keeps the newest")
    func prunesPeriodically() async throws {
        let clock = ManualClock()
        // The wall clock moves with the manual clock.
        let now: @Sendable () -> Date = { Self.start.addingTimeInterval(Double(clock.elapsed.components.seconds)) }
        let audit = MemoryAuditLog()
        // 100 and 50 days old: the first goes at start; 2 hours old stays.
        try await audit.record(Self.entry(at: Self.start.addingTimeInterval(-100 * 86_400), 1))
        try await audit.record(Self.entry(at: Self.start.addingTimeInterval(-50 * 86_400), 2))
        try await audit.record(Self.entry(at: Self.start.addingTimeInterval(-7_200), 3))
        let retention = AuditRetention(maxAge: .seconds(60 * 86_400), maxEntries: 3, interval: .seconds(86_400))
        let service = AuditRetentionService(
            audit: audit, retention: retention, clock: clock, now: now, logger: Logger(label: "test"))
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await clock.waitForSleepers(1)
            #expect(try await audit.auditEntries(limit: 10).map(\.status) == [3, 2])
            // Ten days on, the 50-day-old entry is 60 days old and past the limit; four new entries pass the cap.
            for status in 4...7 { try await audit.record(Self.entry(at: Self.start, status)) }
            clock.advance(by: .seconds(10 * 86_400))
            try await Self.waitUntil { try await audit.auditEntries(limit: 10).count == 3 }
            #expect(try await audit.auditEntries(limit: 10).map(\.status) == [7, 6, 5])
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("no limits: nothing is pruned and the service ends at once")
    func keepsEverything() async throws {
        let audit = MemoryAuditLog()
        try await audit.record(Self.entry(at: .distantPast, 1))
        let service = AuditRetentionService(
            audit: audit, retention: AuditRetention(maxAge: nil, maxEntries: nil), clock: ManualClock(),
            now: { Self.start }, logger: Logger(label: "test"))
        try await service.run()
        #expect(try await audit.auditEntries(limit: 10).count == 1)
        #expect(await service.pruneOnce() == 0)
    }

    /// Polls `condition` (a prune runs on another task once the clock moved) for up to ten seconds.
    static func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<1_000 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the condition did not hold within 10 s")
    }
}
