import HTTPTypes
import Hummingbird
import WorkflowModel

/// A refused request, rendered in the envelope of the endpoint family it came from.
///
/// Workflow endpoints answer JSON:API errors (`application/vnd.api+json`,
/// `{"errors":[{"detail":…,"source":{"pointer":…}}]}`); instance endpoints answer
/// `{"errors":[{"code":…,"detail":…}]}` as `application/json` with sorted keys and a trailing newline, as
/// Datadog's recorded responses do.
public struct APIError: Error, Sendable, HTTPResponseError {
    /// One entry of the `errors` array.
    public struct Item: Sendable, Hashable {
        /// The machine-readable code (instance endpoints).
        public var code: String
        /// What is wrong, for people.
        public var detail: String
        /// Where in the request body (workflow endpoints, validation errors).
        public var pointer: String?
        /// A JSON:API `title` (with `status`), as Datadog sends for a malformed path parameter.
        public var title: String?

        /// Creates an item.
        public init(code: String, detail: String, pointer: String? = nil, title: String? = nil) {
            self.code = code
            self.detail = detail
            self.pointer = pointer
            self.title = title
        }
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// Which envelope to answer with.
    public var family: APIFamily
    /// Every problem, in order.
    public var items: [Item]

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ family: APIFamily, _ items: [Item]) {
        self.status = status
        self.family = family
        self.items = items
    }

    /// An error with one item.
    public init(_ status: HTTPResponse.Status, _ family: APIFamily, code: String, _ detail: String) {
        self.init(status, family, [Item(code: code, detail: detail)])
    }

    /// The body as sent.
    public var body: JSONValue {
        let errors: [JSONValue] = items.map { item in
            var members: [String: JSONValue] = ["detail": .string(item.detail)]
            switch family {
            case .instances:
                members["code"] = .string(item.code)
            case .workflows:
                if let pointer = item.pointer { members["source"] = ["pointer": .string(pointer)] }
                if let title = item.title {
                    members["title"] = .string(title)
                    members["status"] = .string(String(status.code))
                }
            }
            return .object(members)
        }
        return ["errors": .array(errors)]
    }

    /// Renders the error (Hummingbird calls this for errors thrown by handlers).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        APIResponse.json(body, status: status, family: family)
    }
}

/// The two styles of Datadog's workflow API.
public enum APIFamily: Sendable, Hashable {
    /// `/api/v2/workflows` and `/api/v2/workflows/{id}`: JSON:API, `application/vnd.api+json`.
    case workflows
    /// `/api/v2/workflows/{id}/instances…`: `application/json`, sorted keys, a trailing newline.
    case instances
}
