import HTTPTypes
import Hummingbird
import WorkflowModel

/// Requires `DD-API-KEY` and `DD-APPLICATION-KEY` to match the configured keys; 403 `{"errors":["Forbidden"]}`
/// (Datadog's `APIErrorResponse`) otherwise. GitHub webhook deliveries are exempt (they are signed instead).
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let apiKey: String?
    let applicationKey: String?

    private static var apiKeyField: HTTPField.Name? { HTTPField.Name("DD-API-KEY") }
    private static var applicationKeyField: HTTPField.Name? { HTTPField.Name("DD-APPLICATION-KEY") }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        // GitHub deliveries carry no Datadog keys: the webhook route checks their signature instead.
        if request.method == .post, Self.isWebhookPath(request.uri.path) {
            return try await next(request, context)
        }
        guard Self.matches(Self.apiKeyField.flatMap { request.headers[$0] }, apiKey),
            Self.matches(Self.applicationKeyField.flatMap { request.headers[$0] }, applicationKey)
        else {
            return APIResponse.json(["errors": ["Forbidden"]], status: .forbidden, family: .instances)
        }
        return try await next(request, context)
    }

    /// Exactly `/api/v2/workflows/{id}/webhook`.
    static func isWebhookPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0].isEmpty && parts[1] == "api" && parts[2] == "v2" && parts[3] == "workflows"
            && !parts[4].isEmpty && parts[5] == "webhook"
    }

    /// Compares without stopping at the first difference, so timing does not reveal the key.
    static func matches(_ given: String?, _ expected: String?) -> Bool {
        guard let expected else { return true }
        guard let given else { return false }
        let left = Array(given.utf8)
        let right = Array(expected.utf8)
        var difference = left.count ^ right.count
        for index in 0..<min(left.count, right.count) { difference |= Int(left[index] ^ right[index]) }
        return difference == 0
    }
}
