import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// `claimable(now:limit:)`: what a worker claims next (docs/workers.md), the same in every store.
@Suite("Claimable instances", .dropsPostgresSchemas)
struct ClaimableTests {
    static func at(_ seconds: Double) -> Date { LeaseTests.at(seconds) }

    @Test(
        "unfinished instances without a live lease, oldest first: never claimed, released or expired",
        arguments: StoreKind.available)
    func claimable(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = fixture.instances
        for id in ["new", "held", "released", "expired", "finished"] { try await store.create(Sample.summary(id)) }
        _ = try await store.claim(instance: "held", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        let released = try await store.claim(instance: "released", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        try await store.release(released)
        _ = try await store.claim(instance: "expired", owner: "b", now: Self.at(0), expiresAt: Self.at(5))
        let finished = try await store.claim(instance: "finished", owner: "a", now: Self.at(0), expiresAt: Self.at(5))
        try await store.append(
            instance: "finished",
            [
                JournalEntry(
                    sequence: 0, time: Self.at(1),
                    event: .instanceFinished(status: .succeeded, outputs: .emptyObject, error: nil))
            ], fencedBy: finished)
        #expect(try await store.claimable(now: Self.at(10), limit: 10).map(\.id) == ["new", "released", "expired"])
        #expect(try await store.claimable(now: Self.at(10), limit: 2).map(\.id) == ["new", "released"])
        #expect(try await store.claimable(now: Self.at(10), limit: 0).isEmpty)
        #expect(try await store.claimable(now: Self.at(4), limit: 10).map(\.id) == ["new", "released"])
        // Once its lease runs out, the held instance is claimable too.
        #expect(
            try await store.claimable(now: Self.at(20), limit: 10).map(\.id) == ["new", "held", "released", "expired"])
    }
}
