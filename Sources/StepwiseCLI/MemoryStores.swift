import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The in-memory instance and definition stores as one value, for `stepwise run --in-memory`.
final class MemoryStores: InstanceStore, DefinitionStore, InstanceWithWorkflowReading {
    private let instances = MemoryInstanceStore()
    private let definitions = MemoryDefinitionStore()

    func create(_ summary: InstanceSummary) async throws(StoreError) { try await instances.create(summary) }
    func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError) {
        try await instances.append(instance: id, entries)
    }
    func instance(id: String) async throws(StoreError) -> InstanceSummary? { try await instances.instance(id: id) }
    func instance(
        id: String, withWorkflow workflowId: String
    ) async throws(StoreError) -> (workflow: StoredWorkflow?, instance: InstanceSummary?) {
        guard let workflow = try await definitions.workflow(id: workflowId) else { return (nil, nil) }
        return (workflow, try await instances.instance(id: id))
    }
    func journal(instance id: String) async throws(StoreError) -> [JournalEntry] {
        try await instances.journal(instance: id)
    }
    func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage { try await instances.list(query) }
    func unfinished() async throws(StoreError) -> [InstanceSummary] { try await instances.unfinished() }
    func requestCancel(instance id: String) async throws(StoreError) { try await instances.requestCancel(instance: id) }
    func cancelRequests() async throws(StoreError) -> Set<String> { try await instances.cancelRequests() }
    func takeCancelRequest(instance id: String) async throws(StoreError) {
        try await instances.takeCancelRequest(instance: id)
    }
    func claim(instance id: String, owner: String, now: Date, expiresAt: Date) async throws(StoreError) -> InstanceLease
    {
        try await instances.claim(instance: id, owner: owner, now: now, expiresAt: expiresAt)
    }
    func createClaimed(
        _ summary: InstanceSummary, owner: String, now: Date, expiresAt: Date
    ) async throws(StoreError) -> InstanceLease {
        try await instances.createClaimed(summary, owner: owner, now: now, expiresAt: expiresAt)
    }
    func renewLeases(owner: String, expiresAt: Date) async throws(StoreError) -> Set<String> {
        try await instances.renewLeases(owner: owner, expiresAt: expiresAt)
    }
    func release(_ lease: InstanceLease) async throws(StoreError) { try await instances.release(lease) }
    func lease(instance id: String) async throws(StoreError) -> InstanceLease? {
        try await instances.lease(instance: id)
    }
    func claimable(now: Date, limit: Int) async throws(StoreError) -> [InstanceSummary] {
        try await instances.claimable(now: now, limit: limit)
    }
    func append(instance id: String, _ entries: [JournalEntry], fencedBy lease: InstanceLease) async throws(StoreError)
    {
        try await instances.append(instance: id, entries, fencedBy: lease)
    }

    func create(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        try await definitions.create(workflow)
    }
    func workflow(id: String) async throws(StoreError) -> StoredWorkflow? { try await definitions.workflow(id: id) }
    func update(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        try await definitions.update(workflow)
    }
    func delete(id: String) async throws(StoreError) { try await definitions.delete(id: id) }
    func version(_ version: Int, of workflowId: String) async throws(StoreError) -> WorkflowVersion? {
        try await definitions.version(version, of: workflowId)
    }
    func list(_ query: DefinitionQuery) async throws(StoreError) -> DefinitionPage { try await definitions.list(query) }
}
