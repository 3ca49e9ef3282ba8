import WorkflowModel

/// The per-instance values templates read besides step outputs.
public struct InstanceContext: Sendable {
    /// The instance's id (`InstanceId`).
    public var instanceId: String
    /// Inputs after defaults (`Trigger.<name>`).
    public var trigger: JSONValue
    /// The trigger event (`Source`).
    public var source: JSONValue
    /// Workflow variables (`Variables.<name>`).
    public var variables: [String: JSONValue]
    /// What evaluates the run's `${ … }` templates (the runtime injects it); `nil` makes them an error.
    public var expressionEvaluator: (any ExpressionEvaluator)?

    public init(
        instanceId: String, trigger: JSONValue = .emptyObject, source: JSONValue = .emptyObject,
        variables: [String: JSONValue] = [:], expressionEvaluator: (any ExpressionEvaluator)? = nil
    ) {
        self.instanceId = instanceId
        self.trigger = trigger
        self.source = source
        self.variables = variables
        self.expressionEvaluator = expressionEvaluator
    }
}
