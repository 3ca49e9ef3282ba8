import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise bench --store postgres --workers N`: worker processes of the built binary run instances created up
/// front in the database.
@Suite("stepwise bench with worker processes")
struct BenchWorkersCommandTests {
    @Test(
        "two workers run every instance the bench created; the report counts all their steps",
        .enabled(if: TestPostgres.isConfigured, "\(TestPostgres.skipReason)"))
    func twoWorkers() async throws {
        let url = try #require(TestPostgres.url)
        let result = try await StepwiseProcess.run([
            "bench", "--workload", "chain", "--size", "5", "--instances", "40", "--json", "--store", "postgres",
            "--db", url, "--workers", "2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONValue.parse(result.stdout)
        #expect(report["store"] == "postgres, 2 worker(s)")
        #expect(report["steps"] == 200)
        #expect((report["seconds"]?.numberValue ?? 0) > 0)
        #expect(!result.stderr.contains("only"), "\(result.stderr)")
    }

    @Test("--workers needs --store postgres and a generated workload")
    func refusedCombinations() async throws {
        let memory = try await StepwiseProcess.run(["bench", "--workers", "2"])
        #expect(memory.status != 0)
        #expect(memory.stderr.contains("--workers needs --store postgres"), "\(memory.stderr)")
        let zero = try await StepwiseProcess.run([
            "bench", "--workers", "0", "--store", "postgres", "--db", "postgres://u@127.0.0.1:1/d",
        ])
        #expect(zero.stderr.contains("--workers must be at least 1"), "\(zero.stderr)")
    }
}
