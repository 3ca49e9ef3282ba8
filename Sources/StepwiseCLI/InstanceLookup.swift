import WorkflowEngine
import WorkflowStore

/// Finds an instance by its id or by a unique prefix of it, as git finds a commit.
enum InstanceLookup {
    /// Why no single instance matches.
    struct Failure: Error, CustomStringConvertible {
        enum Code: String {
            case notFound
            case ambiguous
        }

        var code: Code
        var description: String
    }

    /// The instance whose id is `text`, else the only one whose id starts with it.
    /// - Throws: ``Failure``: none matches, or several do (listing them).
    static func find(_ text: String, in store: any InstanceStore) async throws -> InstanceSummary {
        if let exact = try await store.instance(id: text) { return exact }
        let candidates = text.isEmpty ? [] : try await instances(startingWith: text, in: store)
        guard let only = candidates.first else {
            throw Failure(code: .notFound, description: "no instance \(text)")
        }
        guard candidates.count == 1 else {
            let lines = candidates.prefix(10).map { "  \($0.id)  \($0.status.rawValue)  started \($0.startedAt)" }
            let more = candidates.count > 10 ? ["  … and \(candidates.count - 10) more"] : []
            throw Failure(
                code: .ambiguous,
                description: (["instance prefix \(text) is ambiguous; it matches:"] + lines + more).joined(
                    separator: "\n"))
        }
        return only
    }

    /// Every stored instance whose id starts with `prefix`, newest first.
    private static func instances(
        startingWith prefix: String, in store: any InstanceStore
    ) async throws
        -> [InstanceSummary]
    {
        var matches: [InstanceSummary] = []
        var page = 0
        while true {
            let batch = try await store.list(InstanceQuery(pageNumber: page, pageSize: 100)).instances
            matches += batch.filter { $0.id.hasPrefix(prefix) }
            if batch.count < 100 { return matches }
            page += 1
        }
    }
}
