import Synchronization
import WorkflowStore

/// Spec versions the server read, by workflow and number. A stored version never changes (an edit makes a new
/// number, numbers are never reused, versions outlive a delete), so a cached one is always right: `GET` of an
/// instance reads its pinned version from the store once, not on every request (where decoding the spec was
/// most of the answer's cost). Bounded: past ``capacity`` versions the cache starts again empty.
final class SpecVersionCache: Sendable {
    private struct Key: Hashable {
        var workflowId: String
        var version: Int
    }

    /// The most versions kept.
    static let capacity = 256

    private let versions = Mutex<[Key: WorkflowVersion]>([:])

    /// Version `number` of `workflowId`, from the cache or else from `load` (a version `load` does not find is
    /// not remembered).
    func version(
        _ number: Int, of workflowId: String, load: () async throws(StoreError) -> WorkflowVersion?
    ) async throws(StoreError) -> WorkflowVersion? {
        let key = Key(workflowId: workflowId, version: number)
        if let cached = versions.withLock({ $0[key] }) { return cached }
        guard let loaded = try await load() else { return nil }
        versions.withLock { versions in
            if versions.count >= Self.capacity { versions.removeAll(keepingCapacity: true) }
            versions[key] = loaded
        }
        return loaded
    }
}
