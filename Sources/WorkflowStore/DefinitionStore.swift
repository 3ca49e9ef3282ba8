import Foundation
import WorkflowModel

/// Where workflow definitions live, with every version of their spec: an instance pins the version it started
/// with, so editing a workflow never changes a run in flight.
///
/// Implementations: ``MemoryDefinitionStore`` (tests, one-off runs) and ``SQLiteStore`` (durable default).
public protocol DefinitionStore: Sendable {
    /// Stores a new workflow; its spec becomes version 1 (or the next number, when the id was used before and
    /// deleted).
    /// - Throws: ``StoreError`` with code `duplicate` when a workflow with this id exists.
    func create(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow
    /// The workflow with its current spec, or `nil`.
    func workflow(id: String) async throws(StoreError) -> StoredWorkflow?
    /// Replaces the workflow's attributes (the caller merges a PATCH and sets `updatedAt`); `createdAt` stays
    /// as stored. A spec that differs from the current one becomes a new version.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown workflow.
    func update(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow
    /// Deletes the workflow. Its spec versions stay readable through ``version(_:of:)`` for the instances
    /// that pinned them.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown (or already deleted) workflow.
    func delete(id: String) async throws(StoreError)
    /// One version of a workflow's spec, or `nil`; still answers after the workflow was deleted.
    func version(_ version: Int, of workflowId: String) async throws(StoreError) -> WorkflowVersion?
    /// Workflows matching the query, a page at a time.
    func list(_ query: DefinitionQuery) async throws(StoreError) -> DefinitionPage
}

/// A workflow as stored, with the number of its current spec version.
public struct StoredWorkflow: Sendable, Hashable {
    public var workflow: Workflow
    /// The current spec version: 1, 2, … per workflow.
    public var version: Int

    public init(workflow: Workflow, version: Int) {
        self.workflow = workflow
        self.version = version
    }
}

/// One version of a workflow's spec.
public struct WorkflowVersion: Sendable, Hashable {
    public var workflowId: String
    public var version: Int
    /// The typed spec the engine runs.
    public var spec: WorkflowSpec
    /// The spec as submitted.
    public var submittedSpec: JSONValue
    /// When this version was stored (the workflow's `updatedAt` at the time).
    public var createdAt: Date

    public init(workflowId: String, version: Int, spec: WorkflowSpec, submittedSpec: JSONValue, createdAt: Date) {
        self.workflowId = workflowId
        self.version = version
        self.spec = spec
        self.submittedSpec = submittedSpec
        self.createdAt = createdAt
    }
}
