import Foundation
import PostgresStore
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// The PostgreSQL store's hot path: fenced appends of many instances share one statement (docs/scale-out.md). Two
/// stores on one schema stand for two processes.
@Suite(
    "PostgreSQL fenced appends in shared statements", .dropsPostgresSchemas,
    .enabled(if: TestPostgres.isConfigured, "\(TestPostgres.skipReason)"))
struct PostgresFencedAppendTests {
    static let t0 = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// Turn `turn` of a 5-step chain: two entries per step, then the end.
    static func turn(_ turn: Int) -> [JournalEntry] {
        turn < 5 ? Sample.chain(steps: 1, from: 2 * turn) : [Sample.finished(.succeeded, sequence: 10)]
    }

    @Test("the turns of 60 instances written at once all land in order; a stale owner's turns among them write nothing")
    func manyInstancesAtOnce() async throws {
        let a = try await PostgresSchemas.open()
        let b = try await PostgresSchemas.open(url: a.url.text)
        let ids = (0..<60).map { "i-\($0)" }
        var leases: [InstanceLease] = []
        for id in ids {
            try await a.create(Sample.summary(id))
            leases.append(try await a.claim(instance: id, owner: "a", now: Self.at(0), expiresAt: Self.at(15)))
        }
        // i-7 is taken over by b: a's lease on it is stale.
        _ = try await b.claim(instance: "i-7", owner: "b", now: Self.at(20), expiresAt: Self.at(35))
        let owned = leases
        let refusals = try await withThrowingTaskGroup(of: [StoreError.Code].self) { group in
            for lease in owned {
                group.addTask {
                    var refused: [StoreError.Code] = []
                    for turn in 0...5 {
                        do {
                            try await a.append(instance: lease.instanceId, Self.turn(turn), fencedBy: lease)
                        } catch {
                            refused.append((error as? StoreError)?.code ?? .io)
                        }
                    }
                    return refused
                }
            }
            var all: [StoreError.Code] = []
            for try await codes in group { all += codes }
            return all
        }
        #expect(refusals == Array(repeating: .leaseLost, count: 6))
        #expect(try await a.journal(instance: "i-7").isEmpty)
        for id in ids where id != "i-7" {
            #expect(try await b.journal(instance: id).map(\.sequence) == Array(0...10), "journal of \(id)")
            // The last turn rewrote the summary row: another process reads the end from it.
            #expect(try await b.instance(id: id)?.status == .succeeded, "status of \(id)")
        }
        #expect(try await b.unfinished().map(\.id) == ["i-7"])
    }

    @Test("a claim racing a stream of appends: every write of the old owner before it lands, none after it")
    func claimRacesAppends() async throws {
        let a = try await PostgresSchemas.open()
        let b = try await PostgresSchemas.open(url: a.url.text)
        for round in 0..<4 {
            let id = "race-\(round)"
            try await a.create(Sample.summary(id))
            let old = try await a.claim(instance: id, owner: "a", now: Self.at(0), expiresAt: Self.at(15))
            let writer = Task { await Self.writeUntilRefused(id, by: a, lease: old) }
            try await Task.sleep(for: .milliseconds(30))
            let new = try await Self.claimWhenFree(id, by: b)
            let (steps, stop) = await writer.value
            #expect(stop == .leaseLost)
            #expect(steps > 0)
            let journal = try await b.journal(instance: id)
            #expect(journal.map(\.sequence) == Array(0..<(2 * steps)), "a's writes before the claim, nothing after")
            try await b.append(instance: id, Sample.chain(steps: 1, from: 2 * steps), fencedBy: new)
            #expect(try await a.journal(instance: id).count == 2 * steps + 2)
        }
    }

    /// Writes one step per append until the store refuses `lease`: the steps written and why it stopped.
    static func writeUntilRefused(
        _ id: String, by store: PostgresStore, lease: InstanceLease
    ) async -> (
        Int, StoreError.Code
    ) {
        var step = 0
        while true {
            let result = await Self.attempt { () async throws(StoreError) in
                try await store.append(instance: id, Sample.chain(steps: 1, from: 2 * step), fencedBy: lease)
            }
            if case .failure(let error) = result { return (step, error.code) }
            step += 1
        }
    }

    /// Takes `id` over for owner `b`, claiming again while the old owner holds the lease row for a write.
    static func claimWhenFree(_ id: String, by store: PostgresStore) async throws -> InstanceLease {
        for _ in 0..<1_000 {
            let result = await Self.attempt { () async throws(StoreError) in
                try await store.claim(instance: id, owner: "b", now: at(20), expiresAt: at(35))
            }
            switch result {
            case .success(let lease): return lease
            case .failure(let error) where error.code == .leaseHeld: continue
            case .failure(let error): throw error
            }
        }
        throw StoreError(.leaseHeld, "\(id) stayed held")
    }

    /// `body`'s outcome as a value.
    static func attempt<T: Sendable>(_ body: () async throws(StoreError) -> T) async -> Result<T, StoreError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
