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

    static func drop(_ url: String) async throws {
        try await PostgresStore.open(url).dropSchemaAndClose()
    }
}
