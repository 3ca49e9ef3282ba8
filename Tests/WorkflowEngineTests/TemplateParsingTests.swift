import Testing
import WorkflowEngine
import WorkflowModel

@Suite("Template parsing")
struct TemplateParsingTests {
    @Test func constantValuesHaveNoTemplates() throws {
        let value: JSONValue = ["a": [1, "text", ["b": true]], "c": .null, "d": "{ not a template }"]
        let template = try Template(parsing: value)
        #expect(template.isConstant)
        #expect(template.paths.isEmpty)
        #expect(try template.render(in: DictionaryTemplateContext()) == value)
    }

    @Test(
        "paths",
        arguments: [
            ("{{ Trigger.name }}", TemplateRoot.trigger, [PathComponent.key("name")]),
            (
                "{{Steps.fetch.body.items[0].id}}", .steps,
                [.key("fetch"), .key("body"), .key("items"), .index(0), .key("id")]
            ),
            ("{{ Source[key with spaces] }}", .source, [.key("key with spaces")]),
            ("{{ Variables['a.b'] }}", .variables, [.key("a.b")]),
            (#"{{ Variables["x]y"].z }}"#, .variables, [.key("x]y"), .key("z")]),
            ("{{ Trigger.list[ 2 ] }}", .trigger, [.key("list"), .index(2)]),
            ("{{ Current.Value }}", .current, [.key("Value")]),
            ("{{ WorkflowName }}", .workflowName, []),
            ("{{ WorkflowId }}", .workflowId, []),
            ("{{ InstanceId }}", .instanceId, []),
            ("{{ Trigger.my-input }}", .trigger, [.key("my-input")]),
        ])
    func paths(_ text: String, _ root: TemplateRoot, _ components: [PathComponent]) throws {
        let template = try Template(parsing: .string(text))
        #expect(template.paths.map(\.root) == [root])
        #expect(template.paths.first?.components == components)
    }

    @Test func stepNamesAreReported() throws {
        let template = try Template(parsing: [
            "a": "{{ Steps.first.x }} and {{ Steps.second }}", "b": ["{{ Steps.first.y }}", "{{ Trigger.z }}"],
        ])
        #expect(template.stepNames == ["first", "second"])
        let path = try #require(template.paths.first { $0.stepName == "second" })
        #expect(path.remainder.isEmpty)
        #expect(try Template(parsing: "{{ Trigger.a }}").stepNames.isEmpty)
    }

    @Test(
        "syntax errors quote the text",
        arguments: [
            "Hello {{ Trigger.name", "{{ }}", "{{ Trigger. }}", "{{ Trigger.a[ }}", "{{ Trigger.a[] }}",
            "{{ Trigger.a['b }}", "{{ Trigger.a]b }}", "{{ Trigger..a }}",
        ])
    func syntaxErrors(_ text: String) {
        let error = #expect(throws: TemplateError.self) { try Template(parsing: .string(text)) }
        #expect(error?.code == .syntax)
        #expect(error?.message.contains("\"\(text)\"") == true)
    }

    @Test func unclosedBracesSayWhat() {
        let error = #expect(throws: TemplateError.self) { try Template(parsing: "Hello {{ Trigger.name") }
        #expect(error?.message == #"unclosed "{{" in "Hello {{ Trigger.name""#)
    }

    @Test(arguments: ["{{ Foo.bar }}", "{{ trigger.name }}", "x {{ Step.a }} y"])
    func unknownRootsAreErrors(_ text: String) {
        let error = #expect(throws: TemplateError.self) { try Template(parsing: ["nested": [.string(text)]]) }
        #expect(error?.code == .unknownRoot)
        #expect(error?.message.contains(text) == true)
        #expect(error?.message.contains("Trigger, Steps") == true)
    }

    @Test func javaScriptIsNotAParseError() throws {
        let template = try Template(parsing: "${ Trigger.a + 1 }")
        #expect(!template.isConstant)
        #expect(template.containsJavaScript)
    }

    @Test func bindingStepsFillsIndexes() throws {
        let template = try Template(parsing: ["{{ Steps.b.x }}", "n={{ Steps.a }} {{ Steps.zz }}"])
            .bindingSteps(["a": 0, "b": 1])
        let paths = template.paths
        #expect(paths.map(\.stepName) == ["b", "a", "zz"])
        #expect(paths.map(\.stepIndex) == [1, 0, nil])
    }
}
