import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Validation of workflows as Datadog writes them: the editor's conditions, blueprints' connection labels,
/// exported files, the legacy format, templates as the engine parses them, and bounded numbers.
@Suite("Real workflow files")
struct RealSpecValidationTests {
    /// A spec whose step A is a `core.if` with `conditions`.
    static func ifSpec(_ conditions: String) -> String {
        spec(
            steps: """
                {"name": "A", "actionId": "com.datadoghq.core.if", "parameters": [
                  {"name": "joinOperator", "value": "and"}, {"name": "conditions", "value": \(conditions)}]}
                """)
    }

    @Test("the editor's conditions validate; an unknown operator or a missing operand is an error at its pointer")
    func editorConditions() throws {
        let good = try report(
            Self.ifSpec(
                #"[{"comparisonOperator": "eq", "leftValue": "{{ Trigger.createSnapshot }}", "rightValue": true},"#
                    + #" {"comparisonOperator": "nonnull", "value": "{{ Trigger.x }}"}]"#))
        #expect(errorPairs(good) == [])
        let unknown = try report(Self.ifSpec(#"[{"comparisonOperator": "ne", "leftValue": 1, "rightValue": 2}]"#))
        #expect(unknown.errors.map(\.pointer.description) == ["/steps/0/parameters/1/value/0/comparisonOperator"])
        #expect(unknown.errors.first?.detail.contains(#""ne" is not an operator Stepwise knows"#) == true)
        let noRight = try report(Self.ifSpec(#"[{"comparisonOperator": "gt", "leftValue": 1}]"#))
        #expect(noRight.errors.map(\.pointer.description) == ["/steps/0/parameters/1/value/0/rightValue"])
        let templated = try report(Self.ifSpec(#"[{"comparisonOperator": "{{ Trigger.op }}", "leftValue": 1}]"#))
        #expect(errorPairs(templated) == [])
    }

    @Test("an empty condition list and an unknown joinOperator are errors at their pointer")
    func listAndJoin() throws {
        let text = spec(
            steps: """
                {"name": "A", "actionId": "com.datadoghq.core.if", "parameters": [
                  {"name": "joinOperator", "value": "xor"}, {"name": "conditions", "value": []}]}
                """)
        #expect(
            errorPairs(try report(text)) == [
                #"/steps/0/parameters/0/value: joinOperator must be "and" or "or", got "xor""#,
                "/steps/0/parameters/1/value: conditions must hold at least one condition",
            ])
    }

    @Test("a switch case's condition is read the same way")
    func switchCaseCondition() throws {
        let text = spec(
            steps: """
                {"name": "A", "actionId": "com.datadoghq.core.switch", "parameters": [
                  {"name": "switchExpression", "value": 3},
                  {"name": "cases", "value": [{"branchName": "big", "condition": {"comparisonOperator": "bigger", "rightValue": 2}}]}]}
                """)
        #expect(
            try report(text).errors.map(\.pointer.description) == [
                "/steps/0/parameters/1/value/0/condition/comparisonOperator"
            ])
    }

    @Test("a connection label without a connectionEnvs entry is a warning, as blueprints ship")
    func blueprintConnectionLabel() throws {
        let report = try report(
            spec(
                steps:
                    #"{"name": "A", "actionId": "com.datadoghq.aws.ebs.delete_volume", "connectionLabel": "INTEGRATION_AWS"}"#
            ))
        #expect(report.isValid)
        #expect(
            warningPairs(report) == [
                #"/steps/0/connectionLabel: connection label "INTEGRATION_AWS" is not defined in connectionEnvs; a real run looks it up in the connections file"#
            ])
    }

    static func templateSpec(_ template: String) -> String {
        spec(
            start: ["A"],
            steps: """
                {"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "B", "branchName": "main"}]},
                {"name": "B", "actionId": "x", "parameters": [{"name": "p", "value": {"list": ["ok", "\(template)"]}}]}
                """)
    }

    @Test("templates are parsed as a run parses them: an empty trailing name is a warning, other faults errors")
    func templates() throws {
        let trailing = try report(Self.templateSpec("{{ Steps.A.data.}}"))
        #expect(trailing.isValid)
        #expect(
            warningPairs(trailing) == [
                #"/steps/1/parameters/0/value/list/1: template path "Steps.A.data." ends with an empty name after "."; it is read as "Steps.A.data""#
            ])
        let middle = try report(Self.templateSpec("{{ Steps..data }}"))
        #expect(middle.errors.map(\.pointer.description) == ["/steps/1/parameters/0/value/list/1"])
        let root = try report(Self.templateSpec("{{ Step.A.data }}"))
        #expect(root.errors.first?.detail.contains(#"unknown template root "Step""#) == true)
        let unclosed = try report(Self.templateSpec("{{ Steps.A.data"))
        #expect(unclosed.errors.first?.detail.contains("unclosed") == true)
    }

    @Test("a JavaScript step's script is code, not a template")
    func verbatimScript() throws {
        let text = spec(
            steps:
                #"{"name": "A", "actionId": "com.datadoghq.datatransformation.func", "parameters": [{"name": "script", "value": "return `{{ nope`"}]}"#
        )
        #expect(try report(text).isValid)
    }

    static let exported =
        #"{"triggers": [{"workflowTrigger": {}, "startStepNames": ["A"]}], "steps": [{"name": "A", "actionId": "x"}]}"#

    @Test(
        "exported files: the editor's export, a GET-shaped export and a blueprint catalog entry",
        arguments: [
            #"{"name": "Delete EBS volume", "description": "Deletes a volume", "spec": \#(exported)}"#,
            #"{"id": "6a1c", "name": "Delete EBS volume", "description": "Deletes a volume", "tags": ["team:a"], "published": true, "spec": \#(exported)}"#,
            #"{"id": "bp-1", "name": "Delete EBS volume", "description": "Deletes a volume", "categories": ["aws"], "highlightedBundles": ["aws-ebs"], "createdAt": "2025-01-01T00:00:00Z", "spec": \#(exported)}"#,
        ])
    func exports(text: String) throws {
        let document = WorkflowDocument(json: try JSONValue.parse(text))
        #expect(document.form == .export)
        #expect(document.isValid)
        #expect(document.name == "Delete EBS volume")
        #expect(document.description == "Deletes a volume")
        #expect(document.report.spec?.steps?.first?.name == "A")
    }

    @Test("an exported file's problems are placed under /spec and its wrapper's types are checked")
    func exportPointers() throws {
        let document = WorkflowDocument(
            json: try JSONValue.parse(#"{"name": 3, "tags": ["a"], "spec": {"triggers": [], "steps": []}}"#))
        #expect(document.tags == ["a"])
        #expect(
            document.report.errors.map(\.pointer.description) == ["/name", "/spec/triggers"])
    }

    @Test(
        "the legacy format is refused with one message naming it and what replaced it",
        arguments: [
            "wild-specs/docs-build-slack-hello.LEGACY-outboundConnections.json",
            "legacy/docs-csm-block-s3-via-slack.LEGACY-startStepName.spec.json",
        ])
    func legacy(file: String) throws {
        let json = try TestSupport.loadJSON(TestSupport.fixturesDirectory.appendingPathComponent(file))
        let issues = WorkflowDocument(json: json).report.issues
        #expect(issues.count == 1)
        #expect(issues.first?.pointer.description == "/startStepName")
        #expect(issues.first?.detail.contains("legacy workflow format") == true)
        #expect(issues.first?.detail.contains("outboundEdges") == true)
        #expect(issues.first?.detail.contains("startStepNames") == true)
    }

    static func retrySpec(interval: String, maxRetries: String) -> String {
        spec(
            steps: """
                {"name": "A", "actionId": "x", "completionGate": {
                  "completionCondition": {"operand1": "{{ Steps.A.done }}", "operator": "OPERATOR_EQUAL", "operand2": true},
                  "retryStrategy": {"kind": "RETRY_STRATEGY_LINEAR", "linear": {"interval": "\(interval)", "maxRetries": \(maxRetries)}}}}
                """)
    }

    @Test("runaway retry settings are errors at their pointer, never a trap")
    func runawayRetries() throws {
        let base = "/steps/0/completionGate/retryStrategy/linear"
        let retries = try report(Self.retrySpec(interval: "10s", maxRetries: "9223372036854775807"))
        #expect(retries.errors.map(\.pointer.description) == ["\(base)/maxRetries"])
        for interval in ["9223372036854775807s", "9300000000000000s", "3153600000s", "604801s"] {
            let long = try report(Self.retrySpec(interval: interval, maxRetries: "1"))
            #expect(long.errors.map(\.pointer.description) == ["\(base)/interval"], "\(interval)")
            #expect(long.errors.first?.detail.contains("7-day instance limit") == true)
        }
        #expect(try report(Self.retrySpec(interval: "604800s", maxRetries: "0")).isValid)
        let both = try report(Self.retrySpec(interval: "3153600000s", maxRetries: "9223372036854775807"))
        #expect(both.errors.map(\.pointer.description) == ["\(base)/interval", "\(base)/maxRetries"])
    }

    @Test("a retry strategy that alone could outlast seven days is a warning")
    func longRetries() throws {
        let long = try report(Self.retrySpec(interval: "86400s", maxRetries: "8"))
        #expect(long.isValid)
        #expect(
            warningPairs(long) == [
                "/steps/0/completionGate/retryStrategy: 8 retries 86400s apart wait 691200s, longer than the 7-day instance limit (604800s): the instance would be stopped first"
            ])
        #expect(try report(Self.retrySpec(interval: "86400s", maxRetries: "7")).warnings.isEmpty)
    }

    @Test("non-finite numbers anywhere are errors at their pointer", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(number: Double) throws {
        let json: JSONValue = [
            "triggers": [["workflowTrigger": [:], "startStepNames": ["A"]]],
            "steps": [["name": "A", "actionId": "x", "parameters": [["name": "n", "value": [1, .number(number)]]]]],
        ]
        let report = ValidationReport(validating: json)
        #expect(report.errors.map(\.pointer.description) == ["/steps/0/parameters/0/value/1"])
        #expect(report.errors.first?.detail.contains("must be finite") == true)
    }

    @Test("a sleep longer than seven days is an error")
    func longSleep() throws {
        let text = spec(
            steps:
                #"{"name": "A", "actionId": "com.datadoghq.core.sleep", "parameters": [{"name": "durationSeconds", "value": 1e300}]}"#
        )
        #expect(try report(text).errors.map(\.pointer.description) == ["/steps/0/parameters/0/value"])
    }
}
