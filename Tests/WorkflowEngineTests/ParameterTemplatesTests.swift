import Testing
import WorkflowEngine
import WorkflowModel

@Suite("Step parameter templates")
struct ParameterTemplatesTests {
    let context = DictionaryTemplateContext([.trigger: ["n": 2], .steps: ["prev": ["out": "x"]]])

    @Test func rendersAllParameters() throws {
        let templates = try ParameterTemplates([
            Parameter(name: "a", value: "{{ Trigger.n }}"),
            Parameter(name: "b", value: "constant"),
            Parameter(name: "c", value: ["v": "{{ Steps.prev.out }}!"]),
        ])
        #expect(!templates.isConstant)
        #expect(templates.names == ["a", "b", "c"])
        #expect(templates.stepNames == ["prev"])
        #expect(try templates.render(in: context) == ["a": 2, "b": "constant", "c": ["v": "x!"]])
        #expect(templates["b"]?.isConstant == true)
    }

    @Test func constantParametersRenderAsIs() throws {
        let templates = try ParameterTemplates([Parameter(name: "durationSeconds", value: 5)])
        #expect(templates.isConstant)
        #expect(try templates.render(in: context) == ["durationSeconds": 5])
        #expect(try ParameterTemplates(nil).render(in: context) == [:])
    }

    @Test func parseErrorsNameTheParameter() {
        let error = #expect(throws: TemplateError.self) {
            try ParameterTemplates([
                Parameter(name: "ok", value: "{{ Trigger.n }}"),
                Parameter(name: "url", value: "http://{{ Trigger.host"),
            ])
        }
        #expect(error?.parameter == "url")
        #expect(error?.message.hasPrefix("parameter \"url\": unclosed") == true)
    }

    @Test func renderErrorsNameTheParameter() throws {
        let templates = try ParameterTemplates([Parameter(name: "script", value: "${ 1 + 1 }")])
        let error = #expect(throws: TemplateError.self) { try templates.render(in: context) }
        #expect(error?.code == .javaScriptUnsupported)
        #expect(error?.message == "parameter \"script\": JavaScript expressions are not supported yet: ${ 1 + 1 }")
    }

    @Test func everyProblemIsListed() {
        let problems = ParameterTemplates.problems(in: [
            Parameter(name: "a", value: "{{ Nope.x }}"), Parameter(name: "b", value: "fine"),
            Parameter(name: "c", value: ["{{ }}"]),
        ])
        #expect(problems.map(\.parameter) == ["a", "c"])
        #expect(problems.map(\.code) == [.unknownRoot, .syntax])
    }

    @Test func repeatedNamesKeepTheLastValue() throws {
        let templates = try ParameterTemplates([Parameter(name: "a", value: 1), Parameter(name: "a", value: 2)])
        #expect(try templates.render(in: context) == ["a": 2])
    }

    @Test func bindingKeepsValues() throws {
        let templates = try ParameterTemplates([Parameter(name: "a", value: "{{ Steps.prev.out }}")])
            .bindingSteps(["prev": 0])
        #expect(templates["a"]?.paths.first?.stepIndex == 0)
        #expect(try templates.render(in: context) == ["a": "x"])
    }
}
