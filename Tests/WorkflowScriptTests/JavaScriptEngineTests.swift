import Testing
import WorkflowModel
import WorkflowScript

@Suite("JavaScript engine")
struct JavaScriptEngineTests {
    static let engine = JavaScriptEngine()
    let roots: [String: JSONValue] = [
        "Trigger": ["name": "Ada", "items": [1, 2, 3], "nested": ["deep": ["value": 7]]],
        "Steps": ["Fetch": ["status": 200]],
        "Variables": [:],
        "WorkflowName": "Demo",
    ]

    private func value(_ expression: String) throws -> JSONValue {
        try Self.engine.evaluate(expression: expression, context: roots).value
    }

    @Test(
        "modern syntax",
        arguments: [
            ("Trigger.items.map(x => x * 2)", [2, 4, 6] as JSONValue),
            ("Trigger.missing?.deep ?? 'fallback'", "fallback"),
            ("Trigger.nested?.deep?.value", 7),
            ("`Hello ${Trigger.name} from ${WorkflowName}`", "Hello Ada from Demo"),
            (
                "(() => { const [a, ...rest] = Trigger.items; return {a, rest}; })()",
                ["a": 1, "rest": [2, 3]] as JSONValue
            ),
            ("_.map(Trigger.items, x => x + 1)", [2, 3, 4] as JSONValue),
            ("_.sum(Trigger.items)", 6),
            ("_.get($, 'Trigger.nested.deep.value')", 7),
            ("$.Steps.Fetch.status === Steps.Fetch.status", true),
            ("null", .null),
            ("undefined", .null),
            ("Current", .null),
            ("'héllo ✓ ' + Trigger.name.toUpperCase()", "héllo ✓ ADA"),
        ])
    func modernSyntax(_ expression: String, _ expected: JSONValue) throws {
        #expect(try value(expression) == expected)
    }

    @Test func aCommentAtTheEndDoesNotSwallowTheCode() throws {
        #expect(try value("Trigger.items.length // how many") == 3)
    }

    @Test func copiesTheContextForEachEvaluation() throws {
        let engine = JavaScriptEngine(limits: JavaScriptLimits(maxIdleContexts: 1))
        let first = try engine.run(
            functionBody: "Trigger.items.push(99); $.Trigger.name = 'changed'; return Trigger.items.length",
            context: roots)
        #expect(first.value == 4)
        let second = try engine.evaluate(expression: "[Trigger.items.length, Trigger.name]", context: roots)
        #expect(second.value == [3, "Ada"])
        #expect(engine.contextsCreated == 1)
    }

    @Test func globalsAndBuiltInsCannotBeChangedForLaterEvaluations() throws {
        let engine = JavaScriptEngine(limits: JavaScriptLimits(maxIdleContexts: 1))
        for script in ["_ = null", "Array.prototype.first = 1", "leaked = 1", "globalThis.leaked = 1"] {
            #expect(throws: JavaScriptError.self) { try engine.run(functionBody: script, context: [:]) }
        }
        let after = try engine.evaluate(
            expression: "[typeof _.map, [].first === undefined, typeof leaked]", context: [:])
        #expect(after.value == ["function", true, "undefined"])
    }

    @Test func noFileNetworkOrModuleAccess() throws {
        let kinds = try value(
            "[typeof require, typeof fetch, typeof XMLHttpRequest, typeof process, typeof readFile, typeof load, typeof import_]"
        )
        #expect(kinds == .array(Array(repeating: "undefined", count: 7)))
        let error = #expect(throws: JavaScriptError.self) { try value("require('fs')") }
        #expect(error?.code == .exception)
        #expect(error?.message.contains("ReferenceError") == true)
    }

    @Test func consoleLogIsCaptured() throws {
        let result = try Self.engine.run(
            functionBody: "console.log('count', Trigger.items.length, {a: 1}); console.warn('careful'); return 1",
            context: roots)
        #expect(result.logs == ["count 3 {\"a\":1}", "careful"])
        let next = try Self.engine.evaluate(expression: "2", context: roots)
        #expect(next.logs.isEmpty)
    }

    @Test func syntaxErrorsAndExceptionsAreClear() throws {
        let syntax = #expect(throws: JavaScriptError.self) { try value("Trigger.items.map(x => ") }
        #expect(syntax?.code == .syntax)
        #expect(syntax?.message.contains("SyntaxError") == true)
        let thrown = #expect(throws: JavaScriptError.self) {
            try Self.engine.run(functionBody: "throw new Error('no luck')", context: [:])
        }
        #expect(thrown?.code == .exception)
        #expect(thrown?.message == "Error: no luck")
    }

    @Test(
        "results that are not JSON",
        arguments: [
            ("return () => 1", "function"),
            ("const a = {}; a.self = a; return a", "cyclic"),
            ("return Symbol('s')", "symbol"),
            ("return 10n", "BigInt"),
        ])
    func notSerializable(_ body: String, _ mention: String) throws {
        let error = #expect(throws: JavaScriptError.self) {
            try Self.engine.run(functionBody: body, context: [:])
        }
        #expect(error?.code == .notSerializable)
        #expect(error?.message.contains(mention) == true, "\(error?.message ?? "")")
    }

    @Test func anInfiniteLoopStopsAtTheTimeLimit() throws {
        let engine = JavaScriptEngine(limits: JavaScriptLimits(timeLimit: .milliseconds(200)))
        let started = ContinuousClock.now
        let error = #expect(throws: JavaScriptError.self) {
            try engine.run(functionBody: "while (true) {}", context: [:])
        }
        #expect(error?.code == .timeLimit)
        #expect(error?.message == "the script ran longer than the time limit (0.2 seconds)")
        #expect(ContinuousClock.now - started < .seconds(10))
        // The stopped context is dropped; the next evaluation gets a fresh one that works.
        #expect(try engine.evaluate(expression: "1 + 1", context: [:]).value == 2)
        #expect(engine.contextsCreated == 2)
    }

    @Test func aMemoryBlowUpStopsAtTheMemoryLimit() throws {
        let engine = JavaScriptEngine(limits: JavaScriptLimits(timeLimit: .seconds(60), memoryLimit: 64 << 20))
        let error = #expect(throws: JavaScriptError.self) {
            try engine.run(
                functionBody: "const all = []; while (true) { all.push(new Array(100000).fill(1.5)); }", context: [:])
        }
        #expect(error?.code == .memoryLimit)
        #expect(error?.message.contains("memory") == true)
        #expect(try engine.evaluate(expression: "'still working'", context: [:]).value == "still working")
    }

    @Test func contextsArePooledAndLodashLoadsOnce() throws {
        let engine = JavaScriptEngine()
        for index in 0..<50 {
            #expect(
                try engine.evaluate(expression: "_.sum([\(index), 1])", context: [:]).value
                    == .number(Double(index + 1)))
        }
        #expect(engine.contextsCreated == 1)
    }

    @Test func concurrentEvaluationsEachGetAContextOfTheirOwn() async throws {
        let engine = JavaScriptEngine()
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for index in 0..<50 {
                        let result = try? engine.evaluate(
                            expression: "_.sum([Trigger.task, Trigger.index])",
                            context: ["Trigger": ["task": .number(Double(task)), "index": .number(Double(index))]])
                        if result?.value != .number(Double(task + index)) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
        #expect(engine.contextsCreated <= 8)
    }

    @Test func missingLodashIsAClearError() throws {
        let engine = JavaScriptEngine(lodashPath: "/nonexistent/lodash.min.js")
        let error = #expect(throws: JavaScriptError.self) { try engine.evaluate(expression: "1", context: [:]) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("libjs-lodash") == true)
    }
}
