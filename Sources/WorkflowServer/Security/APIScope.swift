/// Datadog's workflow permissions, which each key of a keys file holds some of.
public enum APIScope: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Read workflows and instances: every `GET` route, the `/runs` pages and the event streams.
    case workflowsRead = "workflows_read"
    /// Create, update and delete workflows.
    case workflowsWrite = "workflows_write"
    /// Execute and cancel instances (and replay trigger events).
    case workflowsRun = "workflows_run"

    public static func < (lhs: APIScope, rhs: APIScope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Every scope, in name order: `workflows_read, workflows_run, workflows_write`.
    static var namesList: String { allCases.sorted().map(\.rawValue).joined(separator: ", ") }
}
