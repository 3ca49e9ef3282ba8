/// One step of a workflow: an action with parameters, and where to go next.
public struct Step: Sendable, Hashable, Codable {
    /// Unique within the workflow; `Steps.<name>` in templates.
    public var name: String
    /// The action this step runs (`com.datadoghq.core.noop`, `com.datadoghq.http.request`, …).
    public var actionId: String
    /// The action's inputs; values may hold `{{ … }}` templates at any depth.
    public var parameters: [Parameter]?
    /// The steps that follow, each on a branch (`main`, `true`, `false`, a switch case, `loopStart`).
    public var outboundEdges: [OutboundEdge]?
    /// How a step with several inbound edges waits (`ALL` when absent).
    public var readinessGate: ReadinessGate?
    /// A condition the step's outputs must meet, retried linearly ("wait until").
    public var completionGate: CompletionGate?
    /// Retry-then-fallback on failure; only the first is used.
    public var errorHandlers: [ErrorHandler]?
    /// A connection label from `connectionEnvs`.
    public var connectionLabel: String?
    /// Where the step is drawn on the canvas.
    public var display: StepDisplay?

    public init(
        name: String,
        actionId: String,
        parameters: [Parameter]? = nil,
        outboundEdges: [OutboundEdge]? = nil,
        readinessGate: ReadinessGate? = nil,
        completionGate: CompletionGate? = nil,
        errorHandlers: [ErrorHandler]? = nil,
        connectionLabel: String? = nil,
        display: StepDisplay? = nil
    ) {
        self.name = name
        self.actionId = actionId
        self.parameters = parameters
        self.outboundEdges = outboundEdges
        self.readinessGate = readinessGate
        self.completionGate = completionGate
        self.errorHandlers = errorHandlers
        self.connectionLabel = connectionLabel
        self.display = display
    }
}

/// A named input of a step.
public struct Parameter: Sendable, Hashable, Codable {
    public var name: String
    public var value: JSONValue
    public init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        // A present `null` is a value; an absent one is refused by the shape check.
        value = try container.decodeIfPresent(JSONValue.self, forKey: .value) ?? .null
    }
}

/// An edge to the next step, taken when the step produces `branchName`.
public struct OutboundEdge: Sendable, Hashable, Codable {
    public var nextStepName: String
    public var branchName: String
    public init(nextStepName: String, branchName: String = "main") {
        self.nextStepName = nextStepName
        self.branchName = branchName
    }
}

/// How a step with several inbound edges waits.
public struct ReadinessGate: Sendable, Hashable, Codable {
    public var thresholdType: ThresholdType
    public init(thresholdType: ThresholdType) { self.thresholdType = thresholdType }

    /// `ALL` waits for every inbound edge to settle; `ANY` runs on the first taken one.
    public enum ThresholdType: String, Sendable, Hashable, Codable, CaseIterable {
        case any = "ANY"
        case all = "ALL"
    }
}

/// Where a step is drawn.
public struct StepDisplay: Sendable, Hashable, Codable {
    public var bounds: Bounds?
    public init(bounds: Bounds? = nil) { self.bounds = bounds }
}

/// On failure: retry the whole step, then follow the fallback edge.
public struct ErrorHandler: Sendable, Hashable, Codable {
    public var fallbackStepName: String
    public var retryStrategy: RetryStrategy
    public init(fallbackStepName: String, retryStrategy: RetryStrategy) {
        self.fallbackStepName = fallbackStepName
        self.retryStrategy = retryStrategy
    }
}
