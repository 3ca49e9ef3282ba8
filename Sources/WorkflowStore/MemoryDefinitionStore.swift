import Foundation
import Synchronization
import WorkflowModel

/// Workflow definitions in memory: for tests and one-off runs. Nothing survives the process.
public final class MemoryDefinitionStore: DefinitionStore {
    private struct State {
        var current: [String: StoredWorkflow] = [:]
        var versions: [String: [WorkflowVersion]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func create(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard state.current[workflow.id] == nil else {
                throw StoreError(.duplicate, "workflow \(workflow.id) exists")
            }
            let number = (state.versions[workflow.id]?.last?.version ?? 0) + 1
            state.versions[workflow.id, default: []].append(Self.version(number, of: workflow))
            let stored = StoredWorkflow(workflow: workflow, version: number)
            state.current[workflow.id] = stored
            return stored
        }
    }

    public func workflow(id: String) async throws(StoreError) -> StoredWorkflow? {
        state.withLock { $0.current[id] }
    }

    public func update(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard let old = state.current[workflow.id] else {
                throw StoreError(.notFound, "no workflow \(workflow.id)")
            }
            var updated = workflow
            updated.createdAt = old.workflow.createdAt
            var number = old.version
            if old.workflow.submittedSpec != workflow.submittedSpec || old.workflow.spec != workflow.spec {
                number = (state.versions[workflow.id]?.last?.version ?? 0) + 1
                state.versions[workflow.id, default: []].append(Self.version(number, of: updated))
            }
            let stored = StoredWorkflow(workflow: updated, version: number)
            state.current[workflow.id] = stored
            return stored
        }
    }

    public func delete(id: String) async throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard state.current.removeValue(forKey: id) != nil else { throw StoreError(.notFound, "no workflow \(id)") }
        }
    }

    public func version(_ version: Int, of workflowId: String) async throws(StoreError) -> WorkflowVersion? {
        state.withLock { state in state.versions[workflowId]?.first { $0.version == version } }
    }

    public func list(_ query: DefinitionQuery) async throws(StoreError) -> DefinitionPage {
        let matching = state.withLock { state in
            state.current.values.filter { query.matches(name: $0.workflow.name) }
        }
        let sorted = matching.sorted { Self.precedes($0.workflow, $1.workflow, query.sort) }
        let size = max(query.pageSize, 0)
        let start = min(max(query.pageNumber, 0) * size, sorted.count)
        let end = min(start + size, sorted.count)
        return DefinitionPage(workflows: Array(sorted[start..<end]), totalCount: sorted.count)
    }

    private static func version(_ number: Int, of workflow: Workflow) -> WorkflowVersion {
        WorkflowVersion(
            workflowId: workflow.id, version: number, spec: workflow.spec, submittedSpec: workflow.submittedSpec,
            createdAt: workflow.updatedAt)
    }

    private static func precedes(_ lhs: Workflow, _ rhs: Workflow, _ sort: DefinitionSort) -> Bool {
        let order: ComparisonResult
        switch sort.field {
        case .name: order = DefinitionSort.compareNames(lhs.name, rhs.name)
        case .createdAt: order = compare(lhs.createdAt, rhs.createdAt)
        case .updatedAt: order = compare(lhs.updatedAt, rhs.updatedAt)
        }
        if order == .orderedSame { return sort.descending ? lhs.id > rhs.id : lhs.id < rhs.id }
        return sort.descending ? order == .orderedDescending : order == .orderedAscending
    }

    private static func compare(_ lhs: Date, _ rhs: Date) -> ComparisonResult {
        lhs == rhs ? .orderedSame : (lhs < rhs ? .orderedAscending : .orderedDescending)
    }
}
