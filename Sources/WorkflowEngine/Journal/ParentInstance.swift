/// The instance and step that started a child instance (`triggerWorkflow`, `triggerWorkflowAsync`).
public struct ParentInstance: Sendable, Hashable, Codable {
    /// The parent instance.
    public var instanceId: String
    /// The parent's workflow.
    public var workflowId: String
    /// The parent's step that started the child.
    public var stepName: String
    /// The names of the workflows from the root instance down to the parent, root first: its count is the
    /// child's nesting depth (what cycle protection limits).
    public var chain: [String]

    public init(instanceId: String, workflowId: String, stepName: String, chain: [String]) {
        self.instanceId = instanceId
        self.workflowId = workflowId
        self.stepName = stepName
        self.chain = chain
    }
}
