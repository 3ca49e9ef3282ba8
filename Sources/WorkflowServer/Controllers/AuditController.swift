import Hummingbird
import Logging
import WorkflowAPI
import WorkflowStore

/// `GET /api/v2/stepwise/audit` (local extension): the audit trail, newest first; `limit` 1–1000 (default 100).
/// Needs a key holding every scope.
struct AuditController: Sendable {
    /// The route.
    static let route = "/api/v2/stepwise/audit"

    let environment: ServerEnvironment

    func addRoutes(to router: Router<ServerRequestContext>) {
        router.get(RouterPath(Self.route)) { request, _ in try await list(request) }
    }

    func list(_ request: Request) async throws(APIError) -> Response {
        let limit = try QueryParameters(request.uri).integer("limit", default: 100, in: 1...1_000, family: .instances)
        do {
            let entries = try await environment.audit.auditEntries(limit: limit)
            return APIResponse.json(AuditResource.listBody(entries), family: .instances)
        } catch {
            environment.logger.error("audit trail: could not read it: \(error)")
            throw APIError(.internalServerError, .instances, code: "INTERNAL", "internal error: the store failed")
        }
    }
}
