import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowScript

/// `${ … }` in parameter values (docs/semantics.md#templates) rendered with the JavaScript engine.
@Suite("JavaScript templates")
struct JavaScriptTemplateTests {
    static let engine = JavaScriptEngine()
    let context = DictionaryTemplateContext(
        [.trigger: ["name": "Ada", "count": 3, "tags": ["a", "b"]], .workflowName: "Demo"],
        expressionEvaluator: JavaScriptTemplateTests.engine)

    @Test(
        "a whole-value expression keeps its JSON type",
        arguments: [
            ("${ Trigger.count * 2 }", 6 as JSONValue),
            ("  ${ Trigger.tags }  ", ["a", "b"] as JSONValue),
            ("${ ({ n: Trigger.name, k: _.keys($.Trigger).length }) }", ["n": "Ada", "k": 3] as JSONValue),
            ("${ Trigger.count > 2 }", true),
            ("${ Trigger.missing ?? null }", .null),
            ("${ undefined }", .null),
            ("${ `${WorkflowName}!` }", "Demo!"),
        ])
    func wholeValue(_ text: String, _ expected: JSONValue) throws {
        #expect(try Template(parsing: .string(text)).render(in: context) == expected)
    }

    @Test func insideTextItIsInsertedLikeDoubleBraces() throws {
        let template = try Template(
            parsing:
                "n=${ Trigger.count + 1 }, tags=${ Trigger.tags }, on=${ true }, none=${ null }, {{ Trigger.name }}")
        #expect(try template.render(in: context) == "n=4, tags=[\"a\",\"b\"], on=true, none=, Ada")
    }

    @Test func bracesInsideStringLiteralsDoNotEndTheExpression() throws {
        let template = try Template(parsing: "a ${ '}' + \"{\" + `}${Trigger.count}` + 'it\\'s' } b")
        #expect(try template.render(in: context) == "a }{}3it's b")
    }

    @Test func anExceptionNamesTheParameterAndQuotesTheExpression() throws {
        let parameters = try ParameterTemplates([Parameter(name: "body", value: "${ Trigger.nope.deeper }")])
        let error = #expect(throws: TemplateError.self) { try parameters.render(in: context) }
        #expect(error?.code == .javaScript)
        #expect(error?.message.hasPrefix("parameter \"body\": \"${ Trigger.nope.deeper }\": TypeError") == true)
    }

    @Test func dataTransformationScriptsAreNotRenderedAsTemplates() throws {
        let script = "const x = 1; return `${x}`"
        let parameters = try ParameterTemplates(
            [Parameter(name: "script", value: .string(script))],
            verbatim: ParameterTemplates.verbatimNames(actionId: "com.datadoghq.datatransformation.func"))
        #expect(parameters.isConstant)
        #expect(try parameters.render(in: context) == ["script": .string(script)])
        #expect(ParameterTemplates.verbatimNames(actionId: "com.datadoghq.core.echo").isEmpty)
    }
}
