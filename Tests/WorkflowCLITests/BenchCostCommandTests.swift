import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise bench --start-latency` and `--recording-cost` (benchmarks/README.md): each prints one JSON object
/// whose figures come from the run it did. No timing is asserted, only that the figures are there and consistent.
@Suite("bench: start latency and recording cost")
struct BenchCostCommandTests {
    static func object(_ text: String) throws -> [String: JSONValue] {
        guard case .object(let members) = try JSONValue.parse(Data(text.utf8)) else {
            throw CocoaError(.coderReadCorrupt)
        }
        return members
    }

    static func number(_ members: [String: JSONValue], _ key: String) -> Double {
        if case .number(let value)? = members[key] { return value }
        return .nan
    }

    @Test("start latency: one sample per start, p99 at least p50, for starts one at a time and at once")
    func startLatency() async throws {
        let result = try await StepwiseProcess.run([
            "bench", "--workload", "chain", "--size", "3", "--instances", "20", "--warmup", "0", "--start-latency",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let members = try Self.object(result.stdout)
        #expect(members["workload"] == "chain")
        #expect(Self.number(members, "instances") == 20)
        for mode in ["sequential", "concurrent"] {
            let p50 = Self.number(members, mode + "P50Micros")
            let p99 = Self.number(members, mode + "P99Micros")
            #expect(p50 > 0, "\(mode): \(result.stdout)")
            #expect(p99 >= p50, "\(mode): \(result.stdout)")
        }
    }

    @Test("recording cost: every step counted, and bytes written, left in the file and encoded for each step")
    func recordingCost() async throws {
        let result = try await StepwiseProcess.run([
            "bench", "--workload", "chain", "--size", "4", "--instances", "25", "--warmup", "0", "--recording-cost",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let members = try Self.object(result.stdout)
        #expect(Self.number(members, "steps") == 100)
        #expect(Self.number(members, "stepsPerSecond") > 0)
        // A step's two journal events are text of tens of bytes; the file and the writes carry at least that.
        let journal = Self.number(members, "journalTextBytesPerStep")
        #expect(journal > 40 && journal < 400, "\(result.stdout)")
        #expect(Self.number(members, "summaryTextBytesPerStep") > 0)
        #expect(Self.number(members, "fileBytesPerStep") >= journal, "\(result.stdout)")
        #expect(Self.number(members, "writtenBytesPerStep") >= journal, "\(result.stdout)")
    }
}
