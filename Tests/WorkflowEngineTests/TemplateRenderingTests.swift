import Testing
import WorkflowEngine
import WorkflowModel

@Suite("Template rendering")
struct TemplateRenderingTests {
    let context = DictionaryTemplateContext([
        .trigger: [
            "name": "Ada", "count": 3, "ratio": 0.5, "flag": true, "nothing": .null, "list": [1, "two", ["x": 1]],
            "obj": ["b": 2, "a": "s"], "key with spaces": "spaced", "empty": "",
        ],
        .steps: ["fetch": ["status": 200, "body": ["items": [["id": "i-1"], ["id": "i-2"]]]]],
        .workflowName: "My workflow",
        .instanceId: "0000-1111",
        .variables: ["big": 1e21, "neg": -2],
        .current: ["Value": "v", "Index": 4],
    ])

    func render(_ value: JSONValue) throws -> JSONValue {
        try Template(parsing: value).render(in: context)
    }

    @Test(
        "a whole-value template keeps the type",
        arguments: [
            ("{{ Trigger.count }}", JSONValue.number(3)),
            ("  {{Trigger.flag}} ", true),
            ("{{ Trigger.list }}", JSONValue.array([1, "two", ["x": 1]])),
            ("{{ Trigger.obj }}", JSONValue.object(["b": 2, "a": "s"])),
            ("{{ Trigger.nothing }}", .null),
            ("{{ Trigger.missing }}", .null),
            ("{{ Steps.absent.x }}", .null),
            ("{{ Steps.fetch.body.items[1].id }}", "i-2"),
            ("{{ Steps.fetch.body.items.0.id }}", "i-1"),
            ("{{ Steps.fetch.body.items[5] }}", .null),
            ("{{ Trigger[key with spaces] }}", "spaced"),
            ("{{ Trigger['key with spaces'] }}", "spaced"),
            ("{{ Current.Index }}", 4),
            ("{{ WorkflowName }}", "My workflow"),
            ("{{ Trigger.name.first }}", .null),
        ])
    func wholeValue(_ text: String, _ expected: JSONValue) throws {
        #expect(try render(.string(text)) == expected)
    }

    @Test(
        "inside text, values are stringified",
        arguments: [
            ("Hello {{ Trigger.name }}!", "Hello Ada!"),
            ("n={{ Trigger.count }}", "n=3"),
            ("r={{ Trigger.ratio }}", "r=0.5"),
            ("big={{ Variables.big }} neg={{ Variables.neg }}", "big=1e+21 neg=-2"),
            ("f={{ Trigger.flag }}", "f=true"),
            ("null=[{{ Trigger.nothing }}] missing=[{{ Trigger.missing }}]", "null=[] missing=[]"),
            ("list={{ Trigger.list }}", #"list=[1,"two",{"x":1}]"#),
            ("obj={{ Trigger.obj }}", #"obj={"a":"s","b":2}"#),
            ("{{ Trigger.name }}{{ Trigger.name }}", "AdaAda"),
            ("{{ Trigger.empty }}x", "x"),
            ("status {{ Steps.fetch.status }} for {{ InstanceId }}", "status 200 for 0000-1111"),
            ("braces } and { stay", "braces } and { stay"),
        ])
    func interpolated(_ text: String, _ expected: String) throws {
        #expect(try render(.string(text)) == .string(expected))
    }

    @Test func nestedObjectsAndArrays() throws {
        let rendered = try render([
            "title": "Hi {{ Trigger.name }}",
            "items": ["{{ Trigger.count }}", "fixed", ["deep": "{{ Trigger.flag }}"]],
            "constant": ["a": 1],
        ])
        #expect(
            rendered == [
                "title": "Hi Ada", "items": [3, "fixed", ["deep": true]], "constant": ["a": 1],
            ])
    }

    @Test func javaScriptFailsAtRender() throws {
        let template = try Template(parsing: ["script": "value: ${ Trigger.count * 2 } end"])
        let error = #expect(throws: TemplateError.self) { try template.render(in: context) }
        #expect(error?.code == .javaScriptUnsupported)
        #expect(error?.message == "JavaScript expressions are not supported yet: ${ Trigger.count * 2 }")
    }

    @Test func javaScriptWithNestedBracesIsQuotedWhole() throws {
        let template = try Template(parsing: "${ _.map([{a: 1}], x => x.a) }")
        let error = #expect(throws: TemplateError.self) { try template.render(in: context) }
        #expect(error?.message.hasSuffix("${ _.map([{a: 1}], x => x.a) }") == true)
    }

    @Test func constantRenderReturnsTheSource() throws {
        let source: JSONValue = ["a": [1, 2, 3]]
        let template = try Template(parsing: source)
        #expect(template.isConstant)
        #expect(try template.render(in: context) == source)
    }

    @Test func contextReceivesBoundStepIndexes() throws {
        struct IndexedSteps: TemplateContext {
            var outputs: [JSONValue]
            func value(of path: TemplatePath) -> JSONValue? {
                guard path.root == .steps, let index = path.stepIndex else { return nil }
                return outputs[index].value(at: path.remainder)
            }
        }
        let template = try Template(parsing: "{{ Steps.b.x }}-{{ Steps.a.x }}").bindingSteps(["a": 0, "b": 1])
        let rendered = try template.render(in: IndexedSteps(outputs: [["x": "A"], ["x": "B"]]))
        #expect(rendered == "B-A")
    }

    @Test func walkingValues() {
        let value: JSONValue = ["a": [["b": 1]], "0": "zero"]
        #expect(value.value(at: [.key("a"), .index(0), .key("b")]) == 1)
        #expect(value.value(at: [.index(0)]) == "zero")
        #expect(value.value(at: [.key("a"), .index(-1)]) == nil)
        #expect(value.value(at: [.key("a"), .key("x")]) == nil)
        #expect(value.value(at: []) == value)
    }
}
