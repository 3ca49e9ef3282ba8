import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkflowModel
import WorkflowStore

/// Automatic starts from outside: GitHub webhooks (`POST /api/v2/workflows/{id}/webhook`) and the other Datadog
/// trigger kinds replayed locally (`POST /api/v2/workflows/{id}/triggers/{kind}`).
struct TriggerController: Sendable {
    let environment: ServerEnvironment

    /// The shortest webhook secret accepted.
    static let minimumSecretLength = 16

    func addRoutes(to router: Router<ServerRequestContext>) {
        router.post("/api/v2/workflows/:workflow_id/webhook") { request, context in
            try await webhook(request, context)
        }
        router.post("/api/v2/workflows/:workflow_id/triggers/:kind") { request, context in
            try await trigger(request, context)
        }
    }

    /// A GitHub delivery: the `X-Hub-Signature-256` HMAC of the raw body with the workflow's `webhookSecret` must
    /// match (401 and nothing starts otherwise); the run's `Source` is the payload with the event name and the
    /// delivery id. → 200 `{"data":{"id":…,"type":"instances"},"meta":{"workflowId":…}}`.
    func webhook(_ request: Request, _ context: ServerRequestContext) async throws(APIError) -> Response {
        let workflowId = try PathID.instanceEndpoint(context.parameters.get("workflow_id"), field: "workflow_id")
        let body = try await rawBody(request)
        let stored = try await workflow(workflowId)
        guard let secret = stored.workflow.webhookSecret, secret.count >= Self.minimumSecretLength else {
            throw APIError(
                .badRequest, .instances, code: "NO_WEBHOOK_SECRET",
                "workflow \(workflowId) has no webhookSecret of at least \(Self.minimumSecretLength) characters")
        }
        let signature = Self.header(request, "X-Hub-Signature-256")
        guard WebhookSignature.verify(signature, body: body, secret: secret) else {
            environment.logger.warning("webhook for \(workflowId): missing or wrong X-Hub-Signature-256")
            throw APIError(.unauthorized, .instances, code: "INVALID_SIGNATURE", "missing or wrong X-Hub-Signature-256")
        }
        let payload: JSONValue
        do {
            payload = try JSONValue.parse(Data(body))
        } catch {
            throw APIError(.badRequest, .instances, code: "INVALID_JSON", "webhook payload is not JSON")
        }
        var source: [String: JSONValue] = payload.objectValue ?? ["payload": payload]
        source["event"] = Self.header(request, "X-GitHub-Event").map(JSONValue.string) ?? .null
        source["deliveryId"] = Self.header(request, "X-GitHub-Delivery").map(JSONValue.string) ?? .null
        return try await start(stored, kind: .githubWebhook, source: .object(source))
    }

    /// Another trigger kind's event (the body, as `Source`) for a published workflow with that trigger.
    func trigger(_ request: Request, _ context: ServerRequestContext) async throws(APIError) -> Response {
        let workflowId = try PathID.instanceEndpoint(context.parameters.get("workflow_id"), field: "workflow_id")
        let name = context.parameters.get("kind") ?? ""
        guard let kind = TriggerKind(rawValue: name) ?? TriggerKind(rawValue: name + "Trigger") else {
            throw APIError(.badRequest, .instances, code: "UNKNOWN_TRIGGER", "\"\(name)\" is not a trigger kind")
        }
        guard kind != .api, kind != .githubWebhook else {
            throw APIError(
                .badRequest, .instances, code: "UNSUPPORTED_TRIGGER",
                "\(kind.rawValue) starts through …/instances or …/webhook")
        }
        let event = try await RequestJSON.read(
            request, limit: environment.configuration.maxBodySize, family: .instances)
        let stored = try await workflow(workflowId)
        return try await start(stored, kind: kind, source: event ?? .emptyObject, context: context)
    }

    private func start(
        _ stored: StoredWorkflow, kind: TriggerKind, source: JSONValue, context: ServerRequestContext? = nil
    ) async throws(APIError) -> Response {
        let started: String
        do {
            started = try await environment.startAutomatically(stored, kind: kind, source: source)
        } catch {
            switch error.reason {
            case .noTrigger, .notPublished, .invalid:
                throw APIError(.badRequest, .instances, code: "INVALID_ARGUMENT", error.message)
            case .rateLimited:
                environment.logger.warning("dropped an automatic start: \(error.message)")
                throw APIError(.tooManyRequests, .instances, code: "RATE_LIMITED", error.message)
            case .failed, .alreadyStarted:
                environment.logger.error("\(error.message)")
                throw APIError(.internalServerError, .instances, code: "INTERNAL", "internal error: could not start")
            }
        }
        context?.recordTarget(started)
        let body: JSONValue = [
            "data": ["attributes": .emptyObject, "id": .string(started), "type": "instances"],
            "meta": ["workflowId": .string(stored.workflow.id)],
        ]
        return APIResponse.json(body, family: .instances)
    }

    private func workflow(_ id: String) async throws(APIError) -> StoredWorkflow {
        let stored: StoredWorkflow?
        do {
            stored = try await environment.definitions.workflow(id: id)
        } catch {
            environment.logger.error("store failure: \(error)")
            throw APIError(.internalServerError, .instances, code: "INTERNAL", "internal error: the store failed")
        }
        guard let stored else { throw APIError(.notFound, .instances, code: "NOT_FOUND", "workflow not found") }
        return stored
    }

    private func rawBody(_ request: Request) async throws(APIError) -> [UInt8] {
        do {
            var request = request
            let buffer = try await request.collectBody(upTo: environment.configuration.maxBodySize)
            return Array(buffer.readableBytesView)
        } catch {
            throw RequestJSON.tooLarge(limit: environment.configuration.maxBodySize, family: .instances)
        }
    }

    private static func header(_ request: Request, _ name: String) -> String? {
        HTTPField.Name(name).flatMap { request.headers[$0] }
    }
}
