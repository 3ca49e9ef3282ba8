import Testing
import WorkflowEngine
import WorkflowModel

/// The engine and validation share one template parser; its one leniency is an empty last name.
@Suite("Template leniency")
struct TemplateLeniencyTests {
    let context = DictionaryTemplateContext([
        .steps: ["Extract_services_and_IPs": ["data": ["services": ["web"], "ips": ["10.0.0.1"]]]]
    ])

    @Test("an empty last name after a dot is dropped, as a real export writes it")
    func trailingDot() throws {
        let template = try Template(parsing: "{{ Steps.Extract_services_and_IPs.data.}}")
        #expect(try template.render(in: context) == ["services": ["web"], "ips": ["10.0.0.1"]])
        #expect(template.paths.first?.ignoredTrailingDot == true)
        #expect(
            try Template(parsing: "{{ Steps.Extract_services_and_IPs.data }}").paths.first?.ignoredTrailingDot == false)
    }

    @Test("an empty name elsewhere is still an error", arguments: ["{{ Steps..data }}", "{{ Steps. }}", "{{ . }}"])
    func emptyNamesElsewhere(text: String) {
        #expect(throws: TemplateError.self) { try Template(parsing: .string(text)) }
    }

    @Test("validation reports what the compiler refuses, at the same string")
    func sameParser() throws {
        let text = "x {{ Nope.a }} y"
        let compileError = #expect(throws: TemplateError.self) { try Template(parsing: .string(text)) }
        let parseError = #expect(throws: TemplateError.self) { try TemplateParser.parse(text) }
        #expect(compileError?.message == parseError?.message)
        #expect(compileError?.code == .unknownRoot)
    }
}
