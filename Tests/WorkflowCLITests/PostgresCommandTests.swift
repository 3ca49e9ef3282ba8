import Foundation
import PostgresStore
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `--db postgres://…` on the command line: a run recorded in PostgreSQL is listed by another process.
@Suite("PostgreSQL database on the command line")
struct PostgresCommandTests {
    @Test(
        "stepwise run --db postgres://… then instances list --db … shows the run",
        .enabled(if: TestPostgres.isConfigured, "\(TestPostgres.skipReason)"))
    func runThenList() async throws {
        let (url, _) = try #require(TestPostgres.url(schemaPrefix: "cli"))
        do {
            let run = try await StepwiseProcess.run(["run", "samples/linear-chain.json", "--db", url])
            #expect(run.status == 0, "\(run.stderr)")
            let listed = try await StepwiseProcess.run(["instances", "list", "--db", url, "--json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let page = try JSONValue.parse(listed.stdout)
            let instances = try #require(page["data"]?.arrayValue)
            #expect(instances.count == 1)
            #expect(instances.first?["attributes"]?["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
            let id = try #require(instances.first?["id"]?.stringValue)
            let got = try await StepwiseProcess.run(["instances", "get", id, "--db", url, "--json"])
            #expect(got.status == 0, "\(got.stderr)")
            #expect(got.stdout.contains(id))
        } catch {
            try await Self.drop(url)
            throw error
        }
        try await Self.drop(url)
    }

    @Test("a malformed PostgreSQL URL is refused without showing its password")
    func malformedURL() async throws {
        let result = try await StepwiseProcess.run(
            ["instances", "list", "--db", "postgres://ops:hunter2@127.0.0.1:55432"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("names no database"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
    }

    @Test(
        "stepwise bench --store postgres runs every instance against the database, with or without group commit",
        .enabled(if: TestPostgres.isConfigured, "\(TestPostgres.skipReason)"), arguments: [true, false])
    func bench(groupCommit: Bool) async throws {
        let url = try #require(TestPostgres.url)
        let result = try await StepwiseProcess.run(
            [
                "bench", "--workload", "chain", "--size", "5", "--instances", "40", "--warmup", "0", "--json",
                "--store", "postgres", "--db", url, groupCommit ? "--group-commit" : "--no-group-commit",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONValue.parse(result.stdout)
        #expect(report["store"] == "postgres")
        #expect(report["steps"] == 200)
        #expect(!result.stderr.contains("only"))
    }

    @Test("stepwise bench --store postgres needs a postgres:// --db, and --db needs --store postgres")
    func benchNeedsURL() async throws {
        let missing = try await StepwiseProcess.run(["bench", "--store", "postgres"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--store postgres needs --db"), "\(missing.stderr)")
        let stray = try await StepwiseProcess.run(["bench", "--db", "postgres://me@127.0.0.1/x"])
        #expect(stray.status != 0)
        #expect(stray.stderr.contains("--db goes with --store postgres"), "\(stray.stderr)")
    }

    static func drop(_ url: String) async throws {
        try await PostgresStore.open(url).dropSchemaAndClose()
    }
}
