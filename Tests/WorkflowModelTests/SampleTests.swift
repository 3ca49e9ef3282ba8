import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("Samples")
struct SampleTests {
    static let valid = TestSupport.jsonFiles(in: TestSupport.samplesDirectory)
    static let invalid = TestSupport.jsonFiles(in: TestSupport.samplesDirectory.appendingPathComponent("invalid"))

    @Test("samples exist")
    func samplesExist() {
        #expect(Self.valid.count >= 7)
        #expect(Self.invalid.count >= 14)
    }

    @Test("every sample is valid", arguments: valid)
    func validSample(file: URL) throws {
        let document = WorkflowDocument(json: try TestSupport.loadJSON(file))
        #expect(document.report.errors.map(\.description) == [])
        #expect(document.isValid)
        #expect(document.report.graph != nil)
    }

    @Test("every invalid sample reports exactly its expected errors", arguments: invalid)
    func invalidSample(file: URL) throws {
        let expectedURL = file.deletingPathExtension().appendingPathExtension("expected.json")
        let expected = try TestSupport.loadJSON(expectedURL)["errors"]?.arrayValue ?? []
        let expectedPairs = expected.map { "\($0["pointer"]?.stringValue ?? "?"): \($0["detail"]?.stringValue ?? "?")" }
        let document = WorkflowDocument(json: try TestSupport.loadJSON(file))
        #expect(!document.isValid)
        #expect(!expectedPairs.isEmpty)
        #expect(document.report.errors.map { "\($0.pointer): \($0.detail)" } == expectedPairs)
    }
}
