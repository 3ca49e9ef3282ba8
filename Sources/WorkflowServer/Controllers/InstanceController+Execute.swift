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
        let spec = stored.workflow.spec
        guard let trigger = (spec.triggers ?? []).first(where: { $0.kind == .api }) else {
            throw Self.badRequest("Expected trigger type TRIGGER_TYPE_API not found")
        }
        guard stored.workflow.published else {
            throw Self.badRequest(
                "workflow \(workflowId) is not published: only published workflows can be executed through the API")
        }
        let inputs: [String: JSONValue]
        do {
            inputs = try (spec.inputSchema ?? InputSchema()).resolve(payload)
        } catch {
            throw APIError(
                .badRequest, .instances,
                error.problems.map { APIError.Item(code: $0.code.description, detail: $0.message) })
        }
        let unknown = environment.registry.unknownActions(in: spec)
        guard unknown.isEmpty else {
            throw APIError(
                .badRequest, .instances,
                unknown.map {
                    APIError.Item(
                        code: "UNKNOWN_ACTION",
                        detail: "step \"\($0.step)\" uses action \"\($0.actionId)\", which is not available here")
                })
        }
        guard
            await environment.rateLimiter.admit(
                workflowId, limit: trigger.options.rateLimit, now: environment.now(),
                recorded: { [instances = environment.instances] in
                    await StartRateLimiter.recordedStarts(in: instances, workflowId: workflowId, trigger: .api)
                })
        else {
            throw APIError(
                .tooManyRequests, .instances, code: "RATE_LIMITED",
                "rate limit of the apiTrigger reached: at most \(trigger.options.rateLimit?.count ?? 0) starts per "
                    + "\(trigger.options.rateLimit?.interval?.text ?? "")")
        }
        let plan: ExecutionPlan
        do {
            plan = try await environment.plans.plan(for: stored)
        } catch {
            throw Self.badRequest("spec is invalid: \(error)")
        }
        let started: String
        do {
            started = try await environment.executor.start(
                StartRequest(
                    plan: plan, trigger: .api, sourceKind: "api", inputs: inputs, workflowVersion: stored.version))
        } catch  where error.code == .unknownAction {
            throw Self.badRequest(error.message)
        } catch {
            environment.logger.error("could not start an instance of \(workflowId): \(error)")
            throw APIError(.internalServerError, .instances, code: "INTERNAL", "internal error: could not start")
        }
        let body: JSONValue = [
            "data": ["attributes": .emptyObject, "id": .string(started), "type": "instances"],
            "meta": ["workflowId": .string(workflowId)],
        ]
        return APIResponse.json(body, family: .instances)
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

    static func badRequest(_ detail: String) -> APIError {
        APIError(.badRequest, .instances, code: "INVALID_ARGUMENT", detail)
    }
}
