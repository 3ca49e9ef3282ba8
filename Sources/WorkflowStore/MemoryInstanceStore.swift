import Synchronization
import WorkflowEngine

/// Instances in memory: for tests, benchmarks and one-off runs. Nothing survives the process.
public final class MemoryInstanceStore: InstanceStore {
    private struct State {
        var summaries: [String: InstanceSummary] = [:]
        var journals: [String: [JournalEntry]] = [:]
        /// Creation order, for newest-first listing.
        var order: [String] = []
        var cancelRequests: Set<String> = []
    }

    private let state = Mutex(State())

    public init() {}

    public func create(_ summary: InstanceSummary) async throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard state.summaries[summary.id] == nil else {
                throw StoreError(.duplicate, "instance \(summary.id) exists")
            }
            state.summaries[summary.id] = summary
            state.journals[summary.id] = []
            state.order.append(summary.id)
        }
    }

    public func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard var summary = state.summaries[id] else { throw StoreError(.notFound, "no instance \(id)") }
            for entry in entries { summary.apply(entry) }
            state.summaries[id] = summary
            state.journals[id, default: []].append(contentsOf: entries)
        }
    }

    public func instance(id: String) async throws(StoreError) -> InstanceSummary? {
        state.withLock { $0.summaries[id] }
    }

    public func journal(instance id: String) async throws(StoreError) -> [JournalEntry] {
        state.withLock { $0.journals[id] ?? [] }
    }

    public func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage {
        state.withLock { state in
            let matching = state.order.reversed().compactMap { state.summaries[$0] }
                .filter { query.workflowId == nil || $0.workflowId == query.workflowId }
            return InstancePage(page: matching, query: query)
        }
    }

    public func unfinished() async throws(StoreError) -> [InstanceSummary] {
        state.withLock { state in
            state.order.compactMap { state.summaries[$0] }.filter { $0.status == .inProgress }
        }
    }

    public func requestCancel(instance id: String) async throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard state.summaries[id] != nil else { throw StoreError(.notFound, "no instance \(id)") }
            state.cancelRequests.insert(id)
        }
    }

    public func cancelRequests() async throws(StoreError) -> Set<String> {
        state.withLock { $0.cancelRequests }
    }

    public func takeCancelRequest(instance id: String) async throws(StoreError) {
        _ = state.withLock { $0.cancelRequests.remove(id) }
    }
}

extension InstancePage {
    /// Cuts one page out of every matching instance (newest first) and counts them by status.
    public init(page matching: [InstanceSummary], query: InstanceQuery) {
        let size = max(query.pageSize, 0)
        let start = min(max(query.pageNumber, 0) * size, matching.count)
        let end = min(start + size, matching.count)
        self.init(
            instances: Array(matching[start..<end]),
            totalCount: matching.count,
            succeededCount: matching.count { $0.status == .succeeded },
            failedCount: matching.count { $0.status == .stepError || $0.status == .instanceError },
            canceledCount: matching.count { $0.status == .canceled }
        )
    }
}
