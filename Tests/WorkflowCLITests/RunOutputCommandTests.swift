import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// What `stepwise run` tells its user: the instance id when it starts, progress on the instance's own clock, the
/// outputs on stdout when it ends.
@Suite("stepwise run output")
struct RunOutputCommandTests {
    static func database() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-output-\(UUID()).db").path
    }

    @Test("the instance id on stderr at the start, the outputs as JSON on stdout at the end")
    func idAndOutputs() async throws {
        let db = Self.database()
        let result = try await StepwiseProcess.run([
            "run", "--db", db, "samples/inputs-outputs.json", "--input", "loud=true",
        ])
        #expect(result.status == 0)
        #expect(try JSONValue.parse(result.stdout) == ["message": "Hello world"])
        let first = try #require(result.stderr.split(separator: "\n").first)
        #expect(first.hasPrefix("instance "))
        let id = try #require(first.split(separator: " ").dropFirst().first.map(String.init))
        #expect(first.hasSuffix("(stepwise instances get \(id.prefix(8)))"))
        let get = try await StepwiseProcess.run(["instances", "get", "--db", db, String(id.prefix(8))])
        #expect(get.status == 0)
        #expect(get.stdout.hasPrefix("\(id)  SUCCEEDED"))
    }

    @Test("--virtual-time progress shows the instance's virtual clock, as --dry-run does")
    func virtualClock() async throws {
        for mode in ["--virtual-time", "--dry-run"] {
            let result = try await StepwiseProcess.run([
                "run", "--in-memory", "samples/completion-gate-exhausted.json", mode,
            ])
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            // Attempts 2 and 3 start 30 s and 60 s after the first, on the instance's clock.
            #expect(lines.contains { $0.hasSuffix("30.000s ▶ Poll (attempt 2)") }, "\(mode): \(result.stderr)")
            #expect(lines.contains { $0.hasSuffix("60.000s ▶ Poll (attempt 3)") }, "\(mode): \(result.stderr)")
        }
    }
}
