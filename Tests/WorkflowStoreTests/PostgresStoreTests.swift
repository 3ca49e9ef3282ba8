import Foundation
import PostgresStore
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// What only the PostgreSQL store does: several processes on one database (two stores on one schema stand for
/// two processes), migrations, `NOTIFY` of cancel requests. The behaviour every store shares is tested by the
/// shared suites, over ``StoreKind/available``.
@Suite("PostgreSQL store", .dropsPostgresSchemas, .enabled(if: TestPostgres.isConfigured, "\(TestPostgres.skipReason)"))
struct PostgresStoreTests {
    static let t0 = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// Two stores on one new schema: two processes sharing a database.
    static func twoProcesses() async throws -> (PostgresStore, PostgresStore) {
        let first = try await PostgresSchemas.open()
        let second = try await PostgresSchemas.open(url: first.url.text)
        return (first, second)
    }

    @Test("of two processes claiming one instance only one wins; the other's stale write is refused")
    func twoProcessLease() async throws {
        let (a, b) = try await Self.twoProcesses()
        try await a.create(Sample.summary("i-1"))
        let leaseA = try await a.claim(instance: "i-1", owner: "a", now: Self.at(0), expiresAt: Self.at(15))
        let refused = await #expect(throws: StoreError.self) {
            _ = try await b.claim(instance: "i-1", owner: "b", now: Self.at(5), expiresAt: Self.at(20))
        }
        #expect(refused?.code == .leaseHeld)
        let entries = Sample.chain(steps: 2)
        try await a.append(instance: "i-1", Array(entries[0..<2]), fencedBy: leaseA)
        // a stalls past its lease; b takes the instance over and writes on.
        let leaseB = try await b.claim(instance: "i-1", owner: "b", now: Self.at(16), expiresAt: Self.at(31))
        #expect(leaseB.epoch == leaseA.epoch + 1)
        #expect(leaseB.takeovers == 1)
        let lost = await #expect(throws: StoreError.self) {
            try await a.append(instance: "i-1", Array(entries[2..<4]), fencedBy: leaseA)
        }
        #expect(lost?.code == .leaseLost)
        try await b.append(instance: "i-1", Array(entries[2..<4]), fencedBy: leaseB)
        #expect(try await a.journal(instance: "i-1").map(\.sequence) == [0, 1, 2, 3])
        #expect(try await a.lease(instance: "i-1") == leaseB)
    }

    @Test("many claimers at once on one instance, from three processes: exactly one wins")
    func concurrentClaimers() async throws {
        let first = try await PostgresSchemas.open()
        var stores = [first]
        for _ in 0..<2 { stores.append(try await PostgresSchemas.open(url: first.url.text)) }
        for round in 0..<5 {
            let id = "i-\(round)"
            try await first.create(Sample.summary(id))
            let claimers = stores
            let outcomes = await withTaskGroup(of: Result<InstanceLease, StoreError>.self) { group in
                for index in 0..<24 {
                    let store = claimers[index % claimers.count]
                    group.addTask {
                        do throws(StoreError) {
                            return .success(
                                try await store.claim(
                                    instance: id, owner: "owner-\(index)", now: Self.at(0), expiresAt: Self.at(15)))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var outcomes: [Result<InstanceLease, StoreError>] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let winners = outcomes.compactMap { try? $0.get() }
            #expect(winners.count == 1, "round \(round)")
            #expect(winners.first?.epoch == 1)
            let codes = outcomes.compactMap { outcome -> StoreError.Code? in
                if case .failure(let error) = outcome { return error.code }
                return nil
            }
            #expect(codes == Array(repeating: StoreError.Code.leaseHeld, count: 23), "round \(round): \(codes)")
            #expect(try await first.lease(instance: id)?.owner == winners.first?.owner)
        }
    }

    @Test("a cancel request made by one process reaches another's notices")
    func cancelNotice() async throws {
        let (runner, asker) = try await Self.twoProcesses()
        try await runner.create(Sample.summary("i-1"))
        let notices = try #require(runner.cancelRequestNotices())
        let heard = Task { () -> String? in
            for await id in notices { return id }
            return nil
        }
        // The listener connects in the background: ask until the notice arrives (each ask is a new NOTIFY).
        var received: String?
        let waiter = Task { await heard.value }
        for _ in 0..<60 where received == nil {
            try await asker.requestCancel(instance: "i-1")
            received = await Self.value(of: waiter, within: .seconds(1))
        }
        #expect(received == "i-1")
        #expect(try await runner.cancelRequests() == ["i-1"])
    }

    @Test("the schema records its migrations, and a database from a newer version is refused")
    func migrations() async throws {
        let store = try await PostgresSchemas.open()
        let applied = try await store.appliedMigrations()
        #expect(applied.map(\.version) == [1, 2])
        try await store.setSchemaVersionForTesting(99)
        let refused = await #expect(throws: StoreError.self) {
            _ = try await PostgresSchemas.open(url: store.url.text)
        }
        #expect(refused?.code == .corrupt)
        // Opening an up-to-date schema again applies nothing.
        let other = try await PostgresSchemas.open()
        _ = try await PostgresSchemas.open(url: other.url.text)
        #expect(try await other.appliedMigrations().count == 2)
    }

    @Test("group commit: a refused write in a batch leaves the others written")
    func batchWithRefusal() async throws {
        var options = PostgresSchemas.patient
        options.groupCommit = true
        let store = try await PostgresSchemas.open(options: options)
        for index in 0..<20 { try await store.create(Sample.summary("i-\(index)")) }
        let stale = try await store.claim(instance: "i-0", owner: "a", now: Self.at(0), expiresAt: Self.at(1))
        _ = try await store.claim(instance: "i-0", owner: "b", now: Self.at(2), expiresAt: Self.at(20))
        let failures = await withTaskGroup(of: (Int, StoreError?).self) { group in
            for index in 0..<20 {
                group.addTask {
                    do throws(StoreError) {
                        if index == 0 {
                            try await store.append(instance: "i-0", Sample.chain(steps: 1), fencedBy: stale)
                        } else {
                            try await store.append(instance: "i-\(index)", Sample.chain(steps: 3))
                        }
                        return (index, nil)
                    } catch {
                        return (index, error)
                    }
                }
            }
            var failures: [Int: StoreError] = [:]
            for await (index, error) in group { failures[index] = error }
            return failures
        }
        #expect(failures[0]?.code == .leaseLost)
        #expect(failures.count == 1, "\(failures)")
        for index in 1..<20 {
            #expect(try await store.journal(instance: "i-\(index)").count == 6)
        }
        #expect(try await store.journal(instance: "i-0").isEmpty)
    }

    @Test("a summary snapshot written after another process appended folds what that process wrote")
    func snapshotAfterTakeover() async throws {
        let (a, b) = try await Self.twoProcesses()
        try await a.create(Sample.summary("i-1"))
        let entries = Sample.chain(steps: 40)
        try await a.append(instance: "i-1", Array(entries[0..<40]))
        try await b.append(instance: "i-1", Array(entries[40..<60]))
        // a's cached fold misses b's entries; the snapshot it writes now must still hold them.
        try await a.append(instance: "i-1", Array(entries[60..<80]) + [Sample.finished(.succeeded, sequence: 80)])
        var expected = Sample.summary("i-1")
        for entry in entries + [Sample.finished(.succeeded, sequence: 80)] { expected.apply(entry) }
        #expect(try await b.instance(id: "i-1") == expected)
        #expect(try await a.instance(id: "i-1")?.steps.count == 40)
    }

    /// The task's value, or `nil` when it takes longer than `limit`.
    static func value(of task: Task<String?, Never>, within limit: Duration) async -> String? {
        await withTaskGroup(of: String?.self) { race in
            race.addTask { await task.value }
            race.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await race.next() ?? nil
            race.cancelAll()
            return first
        }
    }
}

extension PostgresURL {
    /// The URL with its password, for a second store in a test.
    var text: String {
        var text = "postgres://\(user)" + (password.map { ":" + $0 } ?? "") + "@\(host):\(port)/\(database)"
        if let schema { text += "?schema=" + schema }
        return text
    }
}
