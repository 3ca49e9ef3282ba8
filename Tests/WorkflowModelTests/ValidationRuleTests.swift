import Foundation
import Testing
import WorkflowModel

@Suite("Validation errors")
struct ValidationRuleTests {
    static let noop = #"{"name": "A", "actionId": "com.datadoghq.core.noop"}"#
    static let linear = #"{"kind": "RETRY_STRATEGY_LINEAR", "linear": {"interval": "INTERVAL", "maxRetries": MAX}}"#

    static func handler(interval: String = "1s", max: String = "1", fallback: String = "B") -> String {
        let strategy = linear.replacingOccurrences(of: "INTERVAL", with: interval).replacingOccurrences(
            of: "MAX", with: max)
        return """
            {"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "B", "branchName": "main"}],
             "errorHandlers": [{"fallbackStepName": "\(fallback)", "retryStrategy": \(strategy)}]},
            {"name": "B", "actionId": "x"}
            """
    }

    static let cases: [(String, String, [String])] = [
        (
            "duplicate step names",
            spec(steps: "\(noop), \(noop)"),
            [#"/steps/1/name: duplicate step name "A" (first at /steps/0)"#]
        ),
        (
            "edge naming no step",
            spec(
                steps:
                    #"{"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "Z", "branchName": "main"}]}"#),
            [#"/steps/0/outboundEdges/0/nextStepName: nextStepName "Z" names no step"#]
        ),
        (
            "empty branch name",
            spec(
                steps:
                    #"{"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "A2", "branchName": ""}]}, {"name": "A2", "actionId": "x"}"#
            ),
            ["/steps/0/outboundEdges/0/branchName: branchName must not be empty"]
        ),
        (
            "start step naming no step",
            spec(start: ["A", "Q"], steps: noop),
            [#"/triggers/0/startStepNames/1: start step "Q" names no step"#]
        ),
        (
            "fallback naming no step",
            spec(steps: handler(fallback: "Nope")),
            [#"/steps/0/errorHandlers/0/fallbackStepName: fallbackStepName "Nope" names no step"#]
        ),
        (
            "empty name and actionId",
            spec(start: [], steps: #"{"name": "", "actionId": ""}"#),
            ["/steps/0/name: step name must not be empty", "/steps/0/actionId: actionId must not be empty"]
        ),
        (
            "trigger kind twice",
            #"{"triggers": [{"apiTrigger": {}}, {"monitorTrigger": {}}, {"apiTrigger": {}}], "steps": []}"#,
            [#"/triggers/2/apiTrigger: trigger kind "apiTrigger" appears more than once (first at /triggers/0)"#]
        ),
        (
            "workflowTrigger beside another",
            #"{"triggers": [{"apiTrigger": {}}, {"workflowTrigger": {}}], "steps": []}"#,
            ["/triggers/1/workflowTrigger: workflowTrigger cannot be combined with other triggers"]
        ),
        (
            "cycle through a fallback edge",
            spec(
                steps: handler(fallback: "B").replacingOccurrences(
                    of: #"{"name": "B", "actionId": "x"}"#,
                    with:
                        #"{"name": "B", "actionId": "x", "outboundEdges": [{"nextStepName": "A", "branchName": "main"}]}"#
                )),
            ["/steps/1/outboundEdges/0/nextStepName: cycle in the step graph: A -> B -> A"]
        ),
        (
            "self loop",
            spec(
                steps:
                    #"{"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "A", "branchName": "main"}]}"#),
            ["/steps/0/outboundEdges/0/nextStepName: cycle in the step graph: A -> A"]
        ),
        (
            "bad duration",
            spec(steps: handler(interval: "1m")),
            [
                #"/steps/0/errorHandlers/0/retryStrategy/linear/interval: invalid duration "1m": expected a whole number of seconds such as "86400s""#
            ]
        ),
        (
            "bad rate limit duration",
            #"{"triggers": [{"apiTrigger": {"rateLimit": {"count": 1, "interval": "-5s"}}}], "steps": []}"#,
            [
                #"/triggers/0/apiTrigger/rateLimit/interval: invalid duration "-5s": expected a whole number of seconds such as "86400s""#
            ]
        ),
        (
            "negative maxRetries",
            spec(steps: handler(max: "-2")),
            [
                "/steps/0/errorHandlers/0/retryStrategy/linear/maxRetries: maxRetries must be a whole number from 0 to 10000, got -2"
            ]
        ),
        (
            "fractional maxRetries",
            spec(steps: handler(max: "0.5")),
            [
                "/steps/0/errorHandlers/0/retryStrategy/linear/maxRetries: maxRetries must be a whole number from 0 to 10000, got 0.5"
            ]
        ),
        (
            "unknown parameter type",
            spec(steps: noop, extra: #", "outputSchema": {"parameters": [{"name": "o", "type": "DATE"}]}"#),
            [
                #"/outputSchema/parameters/0/type: unknown parameter type "DATE"; expected one of STRING, NUMBER, BOOLEAN, OBJECT, ARRAY_STRING, ARRAY_NUMBER, ARRAY_BOOLEAN, ARRAY_OBJECT"#
            ]
        ),
        (
            "default of the wrong type",
            spec(
                steps: noop,
                extra:
                    #", "inputSchema": {"parameters": [{"name": "on", "type": "BOOLEAN", "defaultValue": "yes"}, {"name": "ok", "type": "OBJECT", "defaultValue": {}}]}"#
            ),
            [#"/inputSchema/parameters/0/defaultValue: default value of input "on" must be a boolean, got string"#]
        ),
        (
            "no trigger",
            #"{"steps": [], "triggers": []}"#,
            ["/triggers: no trigger found. At least one trigger is required."]
        ),
        (
            "unknown fields everywhere at once",
            #"{"triggers": [{"apiTrigger": {"rate": 1}, "start": []}], "steps": [{"name": "A", "actionId": "x", "extra": 1}], "foo": 1}"#,
            [
                #"/foo: unknown field "foo""#, #"/steps/0/extra: unknown field "extra""#,
                #"/triggers/0/apiTrigger/rate: unknown field "rate""#, #"/triggers/0/start: unknown field "start""#,
            ]
        ),
        (
            "shape errors: types, enums, required fields",
            #"{"triggers": [{"scheduleTrigger": {}}, {}, {"apiTrigger": {}, "appTrigger": {}}], "steps": [{"name": 1, "readinessGate": {"thresholdType": "SOME"}}], "handle": null}"#,
            [
                "/handle: expected a string, got null", "/steps/0/actionId: missing required field \"actionId\"",
                "/steps/0/name: expected a string, got number",
                "/steps/0/readinessGate/thresholdType: unknown thresholdType \"SOME\"; expected one of ANY, ALL",
                "/triggers/0/scheduleTrigger/rruleExpression: missing required field \"rruleExpression\"",
                "/triggers/1: a trigger needs exactly one trigger kind (apiTrigger, workflowTrigger, …)",
                "/triggers/2: a trigger has exactly one trigger kind, found apiTrigger, appTrigger",
            ]
        ),
    ]

    // By index: the specs span lines, and the test output names each argument.
    @Test("each rule reports exactly its errors", arguments: cases.indices)
    func rule(_ index: Int) throws {
        let (name, text, expected) = Self.cases[index]
        let report = try report(text)
        #expect(errorPairs(report) == expected, "\(name)")
        #expect(!report.isValid)
    }

    @Test("free-form trigger kinds accept any members")
    func freeFormTrigger() throws {
        let report = try report(#"{"triggers": [{"appTrigger": {"anything": [1, {"x": 2}]}}], "steps": []}"#)
        #expect(report.isValid)
        #expect(report.spec?.triggers?.first?.options.extra["anything"] == [1, ["x": 2]])
    }

    @Test("the typed spec keeps parsed durations")
    func durationsParsed() throws {
        let report = try report(spec(steps: Self.handler(interval: "90s", max: "3")))
        let strategy = try #require(report.spec?.steps?.first?.errorHandlers?.first?.retryStrategy)
        #expect(strategy.interval == .seconds(90))
        #expect(strategy.maxRetries == 3)
    }

    @Test("every problem is reported at once, shape errors before decoding")
    func allAtOnce() throws {
        let text = spec(
            start: ["A", "Z"],
            steps:
                #"{"name": "A", "actionId": ""}, {"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "Y", "branchName": "main"}]}"#
        )
        let report = try report(text)
        #expect(report.errors.count == 4)
    }
}
