import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkflowModel
import WorkflowStore

/// Lets a request in when it presents a key (`DD-API-KEY` and `DD-APPLICATION-KEY`) holding the scope its route
/// needs (``RouteAccess``), and records each change (create, update, delete, execute, cancel) in the audit
/// trail with the key's name. A wrong or missing key gets 403 `{"errors":["Forbidden"]}` (Datadog's
/// `APIErrorResponse`), a key without the scope 403 naming the scope. GitHub webhook deliveries need no key
/// (they are signed instead).
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    /// The keys in force; `nil`: no key is asked for (every request is let in, changes are audited without a
    /// name).
    let keys: KeyringSource?
    let audit: any AuditLog
    let now: @Sendable () -> Date
    let logger: Logger

    private static var apiKeyField: HTTPField.Name? { HTTPField.Name("DD-API-KEY") }
    private static var applicationKeyField: HTTPField.Name? { HTTPField.Name("DD-APPLICATION-KEY") }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let access = RouteAccess.required(method: request.method, route: context.endpointPath)
        if access == .signed { return try await next(request, context) }
        var context = context
        if let keys {
            guard
                let key = keys.keyring.authenticate(
                    apiKey: Self.apiKeyField.flatMap { request.headers[$0] },
                    applicationKey: Self.applicationKeyField.flatMap { request.headers[$0] })
            else {
                return Self.forbidden("Forbidden")
            }
            context.keyName = key.name
            guard key.allows(access) else {
                let refusal = Self.forbidden(
                    "Forbidden: this key does not have the \(key.missingScope(for: access)) permission")
                await record(request, context, status: refusal.status)
                return refusal
            }
        }
        guard let route = context.endpointPath, RouteAccess.rule(method: request.method, route: route)?.audited == true
        else {
            return try await next(request, context)
        }
        context.auditTarget = AuditTarget()
        do {
            let response = try await next(request, context)
            await record(request, context, status: response.status)
            return response
        } catch {
            await record(request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError)
            throw error
        }
    }

    /// 403 in Datadog's envelope.
    static func forbidden(_ message: String) -> Response {
        APIResponse.json(["errors": [.string(message)]], status: .forbidden, family: .instances)
    }

    /// Records an audited request (others are not recorded); a store failure is logged, never the answer.
    private func record(_ request: Request, _ context: Context, status: HTTPResponse.Status) async {
        guard let route = context.endpointPath, RouteAccess.rule(method: request.method, route: route)?.audited == true
        else { return }
        let target =
            context.auditTarget?.value ?? context.parameters.get("instance_id")
            ?? context.parameters.get("workflow_id")
        let entry = AuditEntry(
            time: now(), keyName: context.keyName, method: request.method.rawValue, route: request.uri.path,
            target: target, status: Int(status.code))
        do {
            try await audit.record(entry)
        } catch {
            logger.error("audit trail: could not record \(entry.method) \(entry.route): \(error)")
        }
    }
}
