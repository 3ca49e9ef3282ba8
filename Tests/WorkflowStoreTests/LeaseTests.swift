import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Ownership leases (docs/ownership.md): the memory store and the SQLite store claim, renew, release and fence
/// the same way.
@Suite("Instance leases", .dropsPostgresSchemas)
struct LeaseTests {
    static let t0 = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    @Test(
        "a live lease refuses another owner; an expired one is taken over with a higher epoch",
        arguments: StoreKind.available)
    func claimAndTakeOver(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = fixture.instances
        try await store.create(Sample.summary("i-1"))
        let first = try await store.claim(instance: "i-1", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        #expect(first.epoch == 1 && first.takeovers == 0)
        let error1 = await #expect(throws: StoreError.self) {
            _ = try await store.claim(instance: "i-1", owner: "b", now: Self.at(10), expiresAt: Self.at(25))
        }
        #expect(error1?.code == .leaseHeld)
        let second = try await store.claim(instance: "i-1", owner: "b", now: Self.at(16), expiresAt: Self.at(31))
        #expect(second.epoch == 2)
        #expect(second.takeovers == 1)
        #expect(try await store.lease(instance: "i-1") == second)
    }

    @Test("a write fenced by a stale epoch is refused and writes nothing", arguments: StoreKind.available)
    func staleWriteRefused(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = fixture.instances
        try await store.create(Sample.summary("i-1"))
        let stale = try await store.claim(instance: "i-1", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        let entries = Sample.chain(steps: 2)
        try await store.append(instance: "i-1", Array(entries[0..<2]), fencedBy: stale)
        let current = try await store.claim(instance: "i-1", owner: "b", now: Self.at(20), expiresAt: Self.at(35))
        let error2 = await #expect(throws: StoreError.self) {
            try await store.append(instance: "i-1", Array(entries[2..<4]), fencedBy: stale)
        }
        #expect(error2?.code == .leaseLost)
        #expect(try await store.journal(instance: "i-1").count == 2)
        try await store.append(instance: "i-1", Array(entries[2..<4]), fencedBy: current)
        #expect(try await store.journal(instance: "i-1").map(\.sequence) == [0, 1, 2, 3])
    }

    @Test(
        "renewal extends only the owner's unreleased leases; a release makes the next claim no takeover",
        arguments: StoreKind.available)
    func renewAndRelease(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = fixture.instances
        for id in ["i-1", "i-2", "i-3"] { try await store.create(Sample.summary(id)) }
        _ = try await store.claim(instance: "i-1", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        let released = try await store.claim(instance: "i-2", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        _ = try await store.claim(instance: "i-3", owner: "b", now: Self.at(0), expiresAt: Self.at(15))
        try await store.release(released)
        #expect(try await store.renewLeases(owner: "a", expiresAt: Self.at(40)) == ["i-1"])
        #expect(try await store.lease(instance: "i-1")?.expiresAt == Self.at(40))
        #expect(try await store.lease(instance: "i-3")?.expiresAt == Self.at(15))
        // i-1 is still live at 30 for anyone else; i-2 was released, so b takes it at once, and it is no takeover.
        let error3 = await #expect(throws: StoreError.self) {
            _ = try await store.claim(instance: "i-1", owner: "b", now: Self.at(30), expiresAt: Self.at(45))
        }
        #expect(error3?.code == .leaseHeld)
        let taken = try await store.claim(instance: "i-2", owner: "b", now: Self.at(1), expiresAt: Self.at(16))
        #expect(taken.takeovers == 0)
        #expect(taken.epoch == 2)
    }

    @Test("takeovers pile up while owners die holding the lease", arguments: StoreKind.available)
    func takeoversCount(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let store = fixture.instances
        try await store.create(Sample.summary("i-1"))
        var lease = try await store.claim(instance: "i-1", owner: "p0", now: Self.at(0), expiresAt: Self.at(15))
        for index in 1...4 {
            let now = Self.at(Double(index) * 20)
            lease = try await store.claim(
                instance: "i-1", owner: "p\(index)", now: now, expiresAt: now.addingTimeInterval(15))
        }
        #expect(lease.takeovers == 4)
        #expect(lease.epoch == 5)
    }

    @Test("claiming an unknown instance fails with notFound", arguments: StoreKind.available)
    func unknownInstance(kind: StoreKind) async throws {
        let fixture = try await StoreFixture(kind)
        let error4 = await #expect(throws: StoreError.self) {
            _ = try await fixture.instances.claim(instance: "nope", owner: "a", now: Self.at(0), expiresAt: Self.at(1))
        }
        #expect(error4?.code == .notFound)
    }
}
