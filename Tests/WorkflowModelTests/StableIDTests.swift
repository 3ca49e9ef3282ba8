import Foundation
import Testing
import WorkflowModel

@Suite("Stable ids")
struct StableIDTests {
    @Test("the id of a text is fixed (files keep their workflow id across versions) and a UUID v4 layout")
    func fixed() throws {
        // Computed independently (Python: two FNV-1a 64 hashes, big-endian, version and variant bits set).
        #expect(StableID.uuid(for: "/tmp/workflow.json") == "ee6f1b2b-b0fd-4bc3-98f0-ef9fb599a252")
        let other = StableID.uuid(for: "/tmp/workflow2.json")
        #expect(other != StableID.uuid(for: "/tmp/workflow.json"))
        let uuid = try #require(UUID(uuidString: other))
        #expect(uuid.uuidString.lowercased() == other)
        #expect(Array(other)[14] == "4")
    }
}
