import HTTPTypes
import Hummingbird
import WorkflowAPI
import WorkflowModel
import WorkflowStore

extension WorkflowController {
    /// `GET /api/v2/workflows` → 200: `limit` (default 50, at most 500), `page` (from 0), `sort` (`name`,
    /// `createdAt`, `updatedAt`, descending with a leading `-`; default `-createdAt`), `filter[query]` (name
    /// contains, ignoring case), `filter[includeSpecs]=true` to include specs (else `spec` is null).
    func list(_ request: Request) async throws(APIError) -> Response {
        let query = QueryParameters(request.uri)
        let limit = try query.integer("limit", default: 50, in: 1...500, family: .workflows)
        let page = try query.integer("page", default: 0, in: 0...1_000_000, family: .workflows)
        let sort = try Self.sort(query["sort"])
        let text = query["filter[query]"].flatMap { $0.isEmpty ? nil : $0 }
        let includeSpecs = query["filter[includeSpecs]"]?.lowercased() == "true"
        let definitions = environment.definitions
        let result = try await store { () throws(StoreError) in
            try await definitions.list(
                DefinitionQuery(nameContains: text, sort: sort, pageNumber: page, pageSize: limit))
        }
        var totalCount = result.totalCount
        if text != nil {
            totalCount = try await store { () throws(StoreError) in
                try await definitions.list(DefinitionQuery(pageNumber: 0, pageSize: 0)).totalCount
            }
        }
        let body = WorkflowResource.listBody(
            result.workflows.map(\.workflow), includeSpecs: includeSpecs, totalCount: totalCount,
            filteredCount: result.totalCount)
        return APIResponse.raw(body, family: .workflows)
    }

    static func sort(_ text: String?) throws(APIError) -> DefinitionSort {
        // Datadog takes a comma-separated list; the first field decides here (ties are broken by id).
        guard var text = text?.split(separator: ",").first.map(String.init), !text.isEmpty else {
            return DefinitionSort()
        }
        var descending = false
        if text.hasPrefix("-") {
            descending = true
            text.removeFirst()
        }
        let fields: [String: DefinitionSort.Field] = [
            "name": .name, "createdAt": .createdAt, "created_at": .createdAt, "updatedAt": .updatedAt,
            "updated_at": .updatedAt,
        ]
        guard let field = fields[text] else {
            throw APIError(
                .badRequest, .workflows, code: "INVALID_SORT",
                "invalid sort \"\(text)\": expected name, createdAt or updatedAt, with a leading - for descending")
        }
        return DefinitionSort(field: field, descending: descending)
    }
}
