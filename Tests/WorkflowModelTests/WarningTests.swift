import Testing
import WorkflowModel
import WorkflowTestSupport

@Suite("Validation warnings")
struct WarningTests {
    @Test("a step no trigger reaches")
    func unreachable() throws {
        let report = try report(spec(steps: #"{"name": "A", "actionId": "x"}, {"name": "B", "actionId": "x"}"#))
        #expect(report.isValid)
        #expect(warningPairs(report) == [#"/steps/1: step "B" is not reachable from any trigger"#])
    }

    @Test("more than 100 steps")
    func tooManySteps() {
        let report = ValidationReport(validating: SpecBuilder.chain(101))
        #expect(report.isValid)
        #expect(warningPairs(report) == ["/steps: workflow has 101 steps; Datadog allows at most 100"])
    }

    @Test("exactly 100 steps is fine")
    func hundredSteps() {
        #expect(ValidationReport(validating: SpecBuilder.chain(100)).issues.isEmpty)
    }

    @Test("more than one error handler")
    func twoHandlers() throws {
        let strategy = #"{"kind": "RETRY_STRATEGY_LINEAR", "linear": {"interval": "1s", "maxRetries": 1}}"#
        let text = spec(
            steps: """
                {"name": "A", "actionId": "x", "errorHandlers": [{"fallbackStepName": "B", "retryStrategy": \(strategy)},
                 {"fallbackStepName": "C", "retryStrategy": \(strategy)}]},
                {"name": "B", "actionId": "x"}, {"name": "C", "actionId": "x"}
                """)
        let report = try report(text)
        #expect(report.isValid)
        #expect(
            warningPairs(report) == [
                #"/steps/0/errorHandlers/1: step "A" has 2 error handlers; only the first is used"#,
                #"/steps/2: step "C" is not reachable from any trigger"#,
            ])
    }

    @Test("a readiness gate on a step with one inbound edge")
    func uselessGate() throws {
        let text = spec(
            steps: #"""
                {"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "B", "branchName": "main"}]},
                {"name": "B", "actionId": "x", "readinessGate": {"thresholdType": "ANY"}}
                """#)
        let report = try report(text)
        #expect(
            warningPairs(report) == [
                #"/steps/1/readinessGate: readinessGate has no effect: step "B" has one inbound edge"#
            ])
    }

    @Test("templates naming steps that are not upstream")
    func templates() throws {
        let text = spec(
            steps: #"""
                {"name": "A", "actionId": "x", "outboundEdges": [{"nextStepName": "B", "branchName": "main"}],
                 "parameters": [{"name": "v", "value": "{{ Steps.B.value }}"}]},
                {"name": "B", "actionId": "x", "parameters": [
                  {"name": "ok", "value": {"deep": ["{{ Steps.A.value }} and {{ Steps['A'].x }}"]}},
                  {"name": "bad", "value": "{{ Steps[Ghost] }} {{ Steps.B.self }}"}]}
                """#)
        let report = try report(text)
        #expect(report.isValid)
        #expect(
            warningPairs(report) == [
                #"/steps/0/parameters/0/value: template names step "B", which is not upstream of step "A""#,
                #"/steps/1/parameters/1/value: template names step "B", which is not upstream of step "B""#,
                #"/steps/1/parameters/1/value: template names step "Ghost", which does not exist"#,
            ])
    }

    @Test("a long chain reading each predecessor has no warning")
    func chainTemplates() {
        let report = ValidationReport(validating: SpecBuilder.chain(50, readingPredecessor: true))
        #expect(report.issues.isEmpty)
        #expect(report.validated?.graph.stepCount == 50)
    }
}
