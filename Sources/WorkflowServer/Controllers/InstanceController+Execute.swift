import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

extension InstanceController {
    /// `POST …/instances` with `{"meta":{"payload":{…}}}` → 200
    /// `{"data":{"attributes":{},"id":…,"type":"instances"},"meta":{"workflowId":…}}`, before the run ends.
    ///
    /// Refused with 400 when the workflow has no `apiTrigger`, is not published, the inputs do not match its input
    /// schema, or a step uses an action that is not available here.
    func execute(_ request: Request, _ context: ServerRequestContext) async throws(APIError) -> Response {
        let workflowId = try PathID.instanceEndpoint(context.parameters.get("workflow_id"), field: "workflow_id")
        let json = try await RequestJSON.read(
            request, limit: environment.configuration.maxBodySize, family: .instances)
        let payload = try Self.payload(json)
        let stored = try await workflow(workflowId)
        var launch = Launch(
            .stored(stored), trigger: .kind(.api), payload: payload, source: Self.source(keyName: context.keyName),
            requiresPublished: true,
            admission: { [environment] trigger in
                await environment.rateLimiter.admit(
                    workflowId, limit: trigger.options.rateLimit, now: environment.now(),
                    recorded: { [instances = environment.instances] in
                        await StartRateLimiter.recordedStarts(in: instances, workflowId: workflowId, trigger: .api)
                    })
            })
        launch.traceHeaders = Self.traceHeaders(of: request)
        let started: String
        do {
            started = try await environment.executor.launcher.launch(launch).instanceId
        } catch {
            throw refusal(error, workflowId: workflowId)
        }
        context.recordTarget(started)
        let body: JSONValue = [
            "data": ["attributes": .emptyObject, "id": .string(started), "type": "instances"],
            "meta": ["workflowId": .string(workflowId)],
        ]
        return APIResponse.json(body, family: .instances)
    }

    /// The run's `Source` for a start by the key named `keyName`: `{"initiator":{"name":…},"type":"api"}`, as
    /// Datadog names the person who started a run; `{}` when the server asks for no keys.
    static func source(keyName: String?) -> JSONValue {
        guard let keyName else { return .emptyObject }
        return ["initiator": ["name": .string(keyName)], "type": "api"]
    }

    /// The caller's W3C trace context (`traceparent`, `tracestate`), which the instance's trace continues.
    static func traceHeaders(of request: Request) -> [String: String] {
        var headers: [String: String] = [:]
        for name in ["traceparent", "tracestate"] {
            if let field = HTTPField.Name(name), let value = request.headers[field] { headers[name] = value }
        }
        return headers
    }

    /// `meta.payload` of the body; no body, no `meta` or no `payload` is an empty payload.
    static func payload(_ json: JSONValue?) throws(APIError) -> [String: JSONValue] {
        guard let json else { return [:] }
        guard case .object(let root) = json else { throw badRequest("request body must be a JSON object") }
        guard let meta = root["meta"], !meta.isNull else { return [:] }
        guard case .object(let metaMembers) = meta else { throw badRequest("meta must be an object") }
        guard let payload = metaMembers["payload"], !payload.isNull else { return [:] }
        guard case .object(let members) = payload else { throw badRequest("meta.payload must be an object") }
        return members
    }

    /// The answer to a start the launcher refused: 400 with the reason, 429 over the rate limit, 500 when the
    /// store failed.
    private func refusal(_ error: LaunchError, workflowId: String) -> APIError {
        switch error.code {
        case .noTrigger:
            return Self.badRequest("Expected trigger type TRIGGER_TYPE_API not found")
        case .notPublished:
            return Self.badRequest(
                "workflow \(workflowId) is not published: only published workflows can be executed through the API")
        case .invalidInputs:
            return APIError(
                .badRequest, .instances,
                error.inputProblems.map { APIError.Item(code: $0.code.description, detail: $0.message) })
        case .unavailableAction where !error.unavailable.isEmpty:
            return APIError(
                .badRequest, .instances,
                error.unavailable.map {
                    APIError.Item(
                        code: "UNKNOWN_ACTION",
                        detail: "step \"\($0.step)\" uses action \"\($0.actionId)\", which is not available here")
                })
        case .unavailableAction:
            return Self.badRequest(error.message)
        case .rateLimited:
            let limit = error.trigger?.options.rateLimit
            return APIError(
                .tooManyRequests, .instances, code: "RATE_LIMITED",
                "rate limit of the apiTrigger reached: at most \(limit?.count ?? 0) starts per "
                    + "\(limit?.interval?.text ?? "")")
        case .invalidSpec:
            return Self.badRequest("spec is invalid: \(error)")
        default:
            environment.logger.error("could not start an instance of \(workflowId): \(error)")
            return APIError(.internalServerError, .instances, code: "INTERNAL", "internal error: could not start")
        }
    }

    static func badRequest(_ detail: String) -> APIError {
        APIError(.badRequest, .instances, code: "INVALID_ARGUMENT", detail)
    }
}
