import Foundation
import WorkflowModel

/// Which workflows to list, in which order, and which page (`GET /api/v2/workflows`).
public struct DefinitionQuery: Sendable, Hashable {
    /// Keeps workflows whose name contains this text, ignoring case (`filter[query]`); `nil` or empty keeps all.
    public var nameContains: String?
    public var sort: DefinitionSort
    /// From 0.
    public var pageNumber: Int
    public var pageSize: Int

    public init(nameContains: String? = nil, sort: DefinitionSort = .init(), pageNumber: Int = 0, pageSize: Int = 10) {
        self.nameContains = nameContains
        self.sort = sort
        self.pageNumber = pageNumber
        self.pageSize = pageSize
    }

    /// Whether `name` passes the name filter: case-insensitive substring, the same in every store.
    public func matches(name: String) -> Bool {
        guard let text = nameContains, !text.isEmpty else { return true }
        return name.lowercased().contains(text.lowercased())
    }
}

/// The order of a workflow list; ties are broken by id so pages never overlap.
public struct DefinitionSort: Sendable, Hashable {
    /// What to sort by.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// Case-insensitive name order.
        case name
        case createdAt
        case updatedAt
    }

    public var field: Field
    public var descending: Bool

    /// Newest first by default.
    public init(field: Field = .createdAt, descending: Bool = true) {
        self.field = field
        self.descending = descending
    }

    /// Compares names the way both stores sort them: lowercased, then as given.
    public static func compareNames(_ lhs: String, _ rhs: String) -> ComparisonResult {
        let left = lhs.lowercased()
        let right = rhs.lowercased()
        if left != right { return left < right ? .orderedAscending : .orderedDescending }
        if lhs == rhs { return .orderedSame }
        return lhs < rhs ? .orderedAscending : .orderedDescending
    }
}

/// One page of workflows.
public struct DefinitionPage: Sendable, Hashable {
    public var workflows: [StoredWorkflow]
    /// How many workflows match the filter, over all pages.
    public var totalCount: Int

    public init(workflows: [StoredWorkflow], totalCount: Int) {
        self.workflows = workflows
        self.totalCount = totalCount
    }
}
