import Foundation
import HTTPTypes

/// Checks the ids in a request path: Datadog's ids are UUIDs; a malformed one is a 400 with Datadog's messages.
enum PathID {
    /// The workflow id of a workflow endpoint, lowercased.
    /// - Throws: ``APIError`` 400 `invalid parameter "workflowId" in "path"; expected type "uuid"`.
    static func workflow(_ text: String?) throws(APIError) -> String {
        guard let text, let id = normalized(text) else {
            throw APIError(
                .badRequest, .workflows,
                [
                    .init(
                        code: "INVALID_PARAMETER",
                        detail: #"invalid parameter "workflowId" in "path"; expected type "uuid""#,
                        title: "Invalid Parameter")
                ])
        }
        return id
    }

    /// An id on an instance endpoint (`workflow_id`, `instance_id`), lowercased.
    /// - Throws: ``APIError`` 400 `INVALID_FIELD_VALUE`, with Datadog's message (`<no value>` is verbatim).
    static func instanceEndpoint(_ text: String?, field: String) throws(APIError) -> String {
        guard let text, let id = normalized(text) else {
            throw APIError(
                .badRequest, .instances, code: "INVALID_FIELD_VALUE", "value <no value> is invalid for field \(field)")
        }
        return id
    }

    /// The lowercased UUID, or `nil` when `text` is not one.
    static func normalized(_ text: String) -> String? {
        guard text.utf8.count == 36, UUID(uuidString: text) != nil else { return nil }
        return text.lowercased()
    }
}
