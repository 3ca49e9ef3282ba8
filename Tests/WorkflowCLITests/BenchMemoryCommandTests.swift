import Foundation
import Testing
import WorkflowModel

/// `stepwise bench --instance-memory` prints the memory per live and per finished instance (figures are not
/// checked: they depend on the allocator and the machine).
@Suite("stepwise bench --instance-memory")
struct BenchMemoryCommandTests {
    @Test("prints the instance count and both figures as numbers")
    func keysAndCount() async throws {
        let result = try await StepwiseProcess.run([
            "bench", "--workload", "chain", "--size", "3", "--instances", "40", "--instance-memory",
        ])
        #expect(result.status == 0)
        let body = try JSONValue.parse(result.stdout)
        #expect(body["instances"] == 40)
        #expect(body["liveBytesPerInstance"]?.numberValue != nil)
        #expect(body["finishedBytesPerInstance"]?.numberValue != nil)
        #expect(result.stderr.isEmpty)
    }
}
