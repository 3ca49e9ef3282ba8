import Foundation
import PostgresActions
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The private action runner's PostgreSQL bundle in whole workflow runs against the real server of
/// `STEPWISE_TEST_POSTGRES_URL` (skipped without it; CI sets it and `STEPWISE_REQUIRE_POSTGRES=1`).
@Suite(
    "PostgreSQL bundle",
    .enabled(if: TestPostgres.isConfigured || TestPostgres.isRequired, "\(TestPostgres.skipReason)"))
struct PostgresBundleTests {
    private typealias ID = PostgreSQLActionID

    @Test("the sample inserts, reads back and explains, binding an input that looks like SQL as a value")
    func sampleRunsForReal() async throws {
        try await PostgresFixture.with { fixture in
            let hostile = "pear'); DROP TABLE orders; --"
            let summary = try await BundleRun.run(
                try BundleRun.sample("postgresql.json"), inputs: ["item": .string(hostile), "quantity": 4],
                credentials: fixture.directory)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.outputs["inserted"] == "INSERT 0 1")
            #expect(summary.outputs["columns"] == ["id", "item", "quantity"])
            #expect(summary.outputs["orders"]?["results"] == [[1, .string(hostile), 4]])
            #expect(summary.outputs["orders"]?["truncatedResults"] == false)
            #expect(
                summary.outputs["orders"]?["query"]
                    == "SELECT id, item, quantity FROM orders WHERE item = $1 AND quantity >= $2 ORDER BY id DESC LIMIT 10"
            )
            #expect(summary.outputs["plan"]?.stringValue?.contains("on orders") == true)
            let tokens = summary.stepSummary("Check_connection")?.outputs?["tokens"]
            #expect(tokens?["password"] == .string(PostgresTestConnectionAction.redactedPassword))
            #expect(tokens?["host"] == .string(fixture.host))
            #expect(try await fixture.rows("SELECT item FROM \(fixture.schema).orders") == [[hostile]])
        }
    }

    @Test("values keep their types both ways; a later step's parameters come from an earlier step's results")
    func typesAndTemplates() async throws {
        try await PostgresFixture.with { fixture in
            let spec = BundleRun.chain([
                (
                    "Insert", ID.insert,
                    [
                        "table": "orders", "columns": ["item", "quantity", "details", "placed"],
                        "values": [
                            ["apple", 3, ["origin": "Normandy", "organic": true], "2026-12-06T08:30:00.123456Z"],
                            ["plum", 7, .null, .null],
                        ],
                    ]
                ),
                ("Count", ID.select, ["columns": ["count(*) AS n", "max(quantity) AS top"], "table": "orders"]),
                (
                    "Read", ID.select,
                    [
                        "columns": ["item", "quantity", "details", "placed", "quantity * 1.5 AS half_more"],
                        "table": "orders", "whereClause": "quantity < ? AND id <= ?", "orderBy": "id",
                        "parameters": ["{{ Steps.Count.results[0][1] }}", "{{ Steps.Count.results[0][0] }}"],
                    ]
                ),
                ("None", ID.select, ["columns": ["id", "item"], "table": "orders", "whereClause": "quantity > 100"]),
            ])
            let summary = try await BundleRun.run(spec, credentials: fixture.directory)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.stepSummary("Insert")?.outputs?["commandTag"] == "INSERT 0 2")
            #expect(summary.stepSummary("Count")?.outputs?["results"] == [[2, 7]])
            let read = summary.stepSummary("Read")?.outputs
            #expect(summary.stepSummary("Read")?.inputs?["parameters"] == [7, 2])
            #expect(
                read?["query"]
                    == "SELECT item, quantity, details, placed, quantity * 1.5 AS half_more FROM orders WHERE quantity < $1 AND id <= $2 ORDER BY id"
            )
            #expect(
                read?["results"]
                    == [["apple", 3, ["origin": "Normandy", "organic": true], "2026-12-06T08:30:00.123456Z", "4.5"]])
            #expect(read?["columns"] == ["item", "quantity", "details", "placed", "half_more"])
            let none = summary.stepSummary("None")?.outputs
            #expect(none?["results"] == .null)
            #expect(none?["columns"] == ["id", "item"])
        }
    }

    @Test("cancelQuery cancels the running query it names; the database name comes from an earlier step")
    func cancelsARunningQuery() async throws {
        try await PostgresFixture.with { fixture in
            let marker = "sleeper_\(fixture.schema)"
            let sleeper = Task {
                try await fixture.rows("SELECT pg_sleep(20)::text AS \(marker)")
            }
            var found: [String] = []
            for _ in 0..<200 where found.isEmpty {
                found =
                    try await fixture.rows(
                        "SELECT pid::text, query_start::text FROM pg_stat_activity WHERE state = 'active' "
                            + "AND query LIKE '%AS \(marker)'"
                    ).first ?? []
                if found.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            let pid = try #require(Double(found.first ?? ""), "the sleeping query never showed up")
            let spec = BundleRun.chain([
                ("Tokens", ID.testConnection, [:]),
                (
                    "Cancel", ID.cancelQuery,
                    [
                        "pid": .number(pid), "databaseName": "{{ Steps.Tokens.tokens.database }}",
                        "queryStart": .string(found.last ?? ""),
                    ]
                ),
                (
                    "Again", ID.cancelQuery,
                    [
                        "pid": .number(pid), "databaseName": .string(fixture.database),
                        "queryStart": .string(found.last ?? ""),
                    ]
                ),
            ])
            let summary = try await BundleRun.run(spec, credentials: fixture.directory)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.stepSummary("Cancel")?.outputs?["cancelled"] == true)
            #expect(summary.stepSummary("Again")?.outputs?["cancelled"] == false)
            // An uncancelled pg_sleep(20) returns a row; a cancelled one fails.
            let outcome = await sleeper.result
            #expect(throws: (any Error).self) { try outcome.get() }
        }
    }

    @Test("a select past the result cap stops early and says truncatedResults")
    func truncatesAtTheCap() async throws {
        try await PostgresFixture.with { fixture in
            let spec = BundleRun.chain([
                (
                    "Many", ID.select,
                    ["columns": ["n", "repeat('x', 10) AS pad"], "table": "generate_series(1, 1000) AS n"]
                )
            ])
            let summary = try await BundleRun.run(
                spec, credentials: fixture.directory, settings: PostgresActionSettings(maxResultBytes: 200))
            let outputs = summary.stepSummary("Many")?.outputs
            #expect(outputs?["truncatedResults"] == true)
            let rows = outputs?["results"]?.arrayValue ?? []
            #expect(rows.count > 0 && rows.count < 20)
            #expect(rows.first == [1, "xxxxxxxxxx"])
            #expect(PostgresActionSettings.runnerResultCap == 15 * 1024 * 1024)
        }
    }
}
