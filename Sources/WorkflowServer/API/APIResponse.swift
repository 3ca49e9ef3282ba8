import HTTPTypes
import Hummingbird
import WorkflowModel

/// Builds responses in the content type and byte layout of each endpoint family.
enum APIResponse {
    /// `application/vnd.api+json`, as Datadog's workflow endpoints answer.
    static let jsonAPIContentType = "application/vnd.api+json"

    /// A JSON body: compact with sorted keys; instance endpoints end with a newline (as Datadog's do).
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, family: APIFamily) -> Response {
        var text = value.compactJSON
        if family == .instances { text += "\n" }
        return raw(text, status: status, family: family)
    }

    /// A body already written as JSON text.
    static func raw(_ text: String, status: HTTPResponse.Status = .ok, family: APIFamily) -> Response {
        let contentType = family == .workflows ? jsonAPIContentType : "application/json"
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `204 No Content` with no body.
    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
