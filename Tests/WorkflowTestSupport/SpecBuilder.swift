import WorkflowModel

/// Short-hand for building specs in tests.
public enum SpecBuilder {
    /// The action ids tests use most.
    public static let noop = "com.datadoghq.core.noop"

    /// A step with edges written as `(next, branch)` pairs.
    public static func step(
        _ name: String,
        action: String = noop,
        next: [(String, String)] = [],
        parameters: [String: JSONValue] = [:],
        any: Bool = false,
        gate: CompletionGate? = nil,
        fallback: String? = nil,
        retries: Int = 0,
        interval: Int64 = 1
    ) -> Step {
        Step(
            name: name,
            actionId: action,
            parameters: parameters.isEmpty
                ? nil : parameters.sorted { $0.key < $1.key }.map { Parameter(name: $0.key, value: $0.value) },
            outboundEdges: next.isEmpty ? nil : next.map { OutboundEdge(nextStepName: $0.0, branchName: $0.1) },
            readinessGate: any ? ReadinessGate(thresholdType: .any) : nil,
            completionGate: gate,
            errorHandlers: fallback.map {
                [
                    ErrorHandler(
                        fallbackStepName: $0,
                        retryStrategy: .linear(interval: SpecDuration(seconds: interval), maxRetries: retries))
                ]
            }
        )
    }

    /// A spec with one trigger starting at `start`.
    public static func spec(
        _ steps: [Step], trigger: TriggerKind = .workflow, start: [String], outputs: [OutputParameter]? = nil,
        inputs: [InputParameter]? = nil
    ) -> WorkflowSpec {
        WorkflowSpec(
            inputSchema: inputs.map { InputSchema(parameters: $0) },
            outputSchema: outputs.map { OutputSchema(parameters: $0) },
            steps: steps,
            triggers: [Trigger(kind: trigger, startStepNames: start)]
        )
    }

    /// A chain `S0 -> S1 -> … -> S(n-1)` of noop steps, or of echo steps that each read their predecessor's
    /// output through a template.
    public static func chain(_ count: Int, readingPredecessor: Bool = false) -> WorkflowSpec {
        var steps: [Step] = []
        steps.reserveCapacity(count)
        for index in 0..<count {
            let next: [(String, String)] = index + 1 < count ? [("S\(index + 1)", "main")] : []
            guard readingPredecessor else {
                steps.append(step("S\(index)", next: next))
                continue
            }
            let value: JSONValue = index == 0 ? "start" : .string("{{ Steps.S\(index - 1).value }}")
            steps.append(step("S\(index)", action: "com.datadoghq.core.echo", next: next, parameters: ["value": value]))
        }
        return spec(steps, start: ["S0"])
    }

    /// A fan-out `Start -> W0…W(n-1) -> Join` (ALL merge) of noop steps.
    public static func fanOut(_ width: Int) -> WorkflowSpec {
        var steps = [step("Start", next: (0..<width).map { ("W\($0)", "main") })]
        steps += (0..<width).map { step("W\($0)", next: [("Join", "main")]) }
        steps.append(step("Join"))
        return spec(steps, start: ["Start"])
    }
}
