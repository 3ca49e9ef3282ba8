import Foundation
import WorkflowModel
import WorkflowStore

/// The JSON:API bodies of Datadog's workflow endpoints (`/api/v2/workflows…`).
///
/// `data` members come in Datadog's order (`id`, `type`, `attributes`, `relationships`); attributes are sorted,
/// as recorded. `webhookSecret` is write-only and never written.
public enum WorkflowResource {
    /// The user every local workflow is created and owned by (there are no users here).
    public static let localUserId = "00000000-0000-4000-8000-000000000000"

    /// `POST`/`GET`/`PATCH /api/v2/workflows[/{id}]`: `{"data": …}`.
    public static func singleBody(_ workflow: Workflow) -> String {
        "{\"data\":" + data(workflow, includeSpec: true) + "}"
    }

    /// `GET /api/v2/workflows`: `{"data": […], "meta": {"page": {"totalCount", "totalFilteredCount"}}}`;
    /// `spec` is `null` unless `includeSpecs`.
    public static func listBody(
        _ workflows: [Workflow], includeSpecs: Bool, totalCount: Int, filteredCount: Int
    )
        -> String
    {
        let items = workflows.map { data($0, includeSpec: includeSpecs) }.joined(separator: ",")
        let meta: JSONValue = [
            "page": ["totalCount": .number(Double(totalCount)), "totalFilteredCount": .number(Double(filteredCount))]
        ]
        return "{\"data\":[" + items + "],\"meta\":" + meta.compactJSON + "}"
    }

    /// One resource object.
    static func data(_ workflow: Workflow, includeSpec: Bool) -> String {
        let attributes: JSONValue = [
            "createdAt": .string(APITimestamp.string(from: workflow.createdAt)),
            "description": .string(workflow.description),
            "name": .string(workflow.name),
            "published": .bool(workflow.published),
            "spec": includeSpec ? workflow.submittedSpec : .null,
            "tags": .array(workflow.tags.map(JSONValue.string)),
            "updatedAt": .string(APITimestamp.string(from: workflow.updatedAt)),
        ]
        let user: JSONValue = ["data": ["id": .string(localUserId), "type": "users"]]
        let relationships: JSONValue = ["creator": user, "owner": user]
        return "{\"id\":" + JSONValue.string(workflow.id).compactJSON + ",\"type\":\"workflows\",\"attributes\":"
            + attributes.compactJSON + ",\"relationships\":" + relationships.compactJSON + "}"
    }
}
