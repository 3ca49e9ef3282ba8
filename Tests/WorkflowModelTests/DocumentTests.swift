import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("Workflow documents")
struct DocumentTests {
    @Test("a bare spec")
    func bareSpec() throws {
        let document = WorkflowDocument(json: try report0())
        #expect(document.form == .spec)
        #expect(document.specPointer == .root)
        #expect(document.isValid)
        #expect(document.name == nil)
    }

    private func report0() throws -> JSONValue {
        try JSONValue.parse(spec(steps: #"{"name": "A", "actionId": "com.datadoghq.core.noop"}"#))
    }

    @Test("a create request body")
    func createRequest() throws {
        let document = WorkflowDocument(
            json: try TestSupport.loadJSON(
                TestSupport.fixturesDirectory.appendingPathComponent("feature-create-request-body.json")))
        #expect(document.form == .createRequest)
        #expect(document.isValid)
        #expect(document.name == "Example Workflow")
        #expect(document.tags == ["team:infra", "service:monitoring", "foo:bar"])
        #expect(document.report.spec?.steps?.count == 2)
    }

    @Test("a GET-workflow response", arguments: ["get-workflow-response.json", "cassette-create-response-body.json"])
    func response(file: String) throws {
        let document = WorkflowDocument(
            json: try TestSupport.loadJSON(TestSupport.fixturesDirectory.appendingPathComponent(file)))
        #expect(document.form == .response)
        #expect(document.isValid)
        #expect(document.published == true)
        #expect(document.report.graph != nil)
    }

    @Test("an update body needs no name")
    func updateRequest() throws {
        let document = WorkflowDocument(
            json: try JSONValue.parse(
                #"{"data": {"id": "x", "type": "workflows", "attributes": {"published": false}}}"#))
        #expect(document.form == .updateRequest)
        #expect(document.isValid)
        #expect(document.published == false)
    }

    @Test("Datadog's recorded 400: description too long and an empty spec")
    func recordedBadRequest() throws {
        let body: JSONValue = [
            "data": [
                "attributes": ["description": .string(String(repeating: "a", count: 301)), "name": "n", "spec": [:]],
                "type": "workflows",
            ]
        ]
        let document = WorkflowDocument(json: body)
        #expect(
            document.report.errors.map { "\($0.pointer): \($0.detail)" } == [
                "/data/attributes/description: workflow description exceeds size limit of [300] characters",
                "/data/attributes/spec/triggers: no trigger found. At least one trigger is required.",
            ])
    }

    @Test("envelope shape errors")
    func envelopeErrors() throws {
        let text =
            #"{"data": {"type": "flows", "attributes": {"tags": ["a", 1], "published": "yes", "spec": {"steps": [{"name": "A"}]}}}}"#
        let document = WorkflowDocument(json: try JSONValue.parse(text))
        #expect(
            document.report.errors.map { "\($0.pointer): \($0.detail)" } == [
                #"/data/attributes/name: missing required field "name""#,
                "/data/attributes/published: expected a boolean, got string",
                "/data/attributes/tags/1: expected a string, got number",
                #"/data/type: unknown type "flows"; expected one of workflows"#,
                #"/data/attributes/spec/steps/0/actionId: missing required field "actionId""#,
            ])
    }

    @Test("issues are prefixed for an API body")
    func prefixing() throws {
        let report = try report(
            spec(
                steps:
                    #"{"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "B", "branchName": "main"}]}"#))
        let prefixed = report.prefixed(by: .envelopeSpec)
        #expect(
            prefixed.errors.map(\.pointer.description) == ["/data/attributes/spec/steps/0/outboundEdges/0/nextStepName"]
        )
        #expect(
            JSONPointer("/data/attributes/spec/steps/0/outboundEdges/0/nextStepName") == prefixed.errors.first?.pointer)
        #expect(JSONPointer("/a~1b/c~0d")?.tokens == ["a/b", "c~d"])
        #expect(JSONPointer("nope") == nil)
    }
}

@Suite("Malformed JSON")
struct MalformedJSONTests {
    static let cases: [(String, Int, Int)] = [
        ("{\n  \"a\": 1,\n  \"b\": x\n}", 3, 8),
        ("{\"a\": 1,,}", 1, 9),
        ("{\n\"é\": [1,\n", 3, 1),
    ]

    // By index: the documents span lines, and the test output names each argument.
    @Test("names the line and column", arguments: cases.indices)
    func lineAndColumn(_ index: Int) {
        let (text, line, column) = Self.cases[index]
        #expect {
            _ = try WorkflowDocument(jsonData: Data(text.utf8))
        } throws: { error in
            guard let syntax = error as? JSONSyntaxError else { return false }
            return syntax.line == line && syntax.column == column
                && syntax.description.hasPrefix("malformed JSON at line \(line), column \(column): ")
        }
    }

    @Test("a message without byte offsets")
    func message() throws {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("[1, }") }
        #expect(error?.code == .malformed)
        #expect(error?.description.contains("around character") == false)
    }

    @Test("a truncated document is reported at its end")
    func truncated() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("{\"a\": [1,\n2") }
        #expect(error?.code == .unexpectedEnd)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
    }
}
