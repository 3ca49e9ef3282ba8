import WorkflowEngine

/// A store that holds both workflows and their instances reads an instance together with its workflow in one
/// store read (one read transaction on SQLite, one pooled connection on PostgreSQL): what
/// `GET …/instances/{id}` answers from.
public protocol InstanceWithWorkflowReading: Sendable {
    /// Workflow `workflowId` and instance `id` as stored, each `nil` when absent. The instance is returned
    /// whatever workflow it belongs to: the caller checks ``InstanceSummary/workflowId``.
    func instance(
        id: String, withWorkflow workflowId: String
    ) async throws(StoreError) -> (workflow: StoredWorkflow?, instance: InstanceSummary?)
}
