import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("Example specs")
struct ExampleSpecRoundTripTests {
    static let files = TestSupport.jsonFiles(in: TestSupport.fixturesDirectory.appendingPathComponent("example-specs"))

    @Test("there are example specs to check")
    func fixturesExist() {
        #expect(Self.files.count >= 8)
    }

    @Test("decode then encode gives the same JSON", arguments: files)
    func roundTrip(file: URL) throws {
        let json = try TestSupport.loadJSON(file)
        let spec = try SpecDecoder().decode(json).get()
        #expect(try JSONValue.encoding(spec) == json)
    }

    @Test("every example spec decodes and has no validation error", arguments: files)
    func validates(file: URL) throws {
        let report = ValidationReport(validating: try TestSupport.loadJSON(file))
        #expect(report.spec != nil)
        #expect(errorPairs(report) == [])
    }
}
