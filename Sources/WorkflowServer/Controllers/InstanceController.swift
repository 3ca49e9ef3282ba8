import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkflowAPI
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowStore

/// `/api/v2/workflows/{workflow_id}/instances…`: execute, list, get, cancel, and the local `steps`/`events`/`stream`.
struct InstanceController: Sendable {
    let environment: ServerEnvironment

    func addRoutes(to router: Router<ServerRequestContext>) {
        let base = "/api/v2/workflows/:workflow_id/instances"
        router.post(RouterPath(base)) { request, context in try await execute(request, context) }
        router.get(RouterPath(base)) { request, context in try await list(request, context) }
        router.get(RouterPath(base + "/:instance_id")) { _, context in try await get(context) }
        router.put(RouterPath(base + "/:instance_id/cancel")) { _, context in try await cancel(context) }
        router.get(RouterPath(base + "/:instance_id/steps")) { _, context in try await steps(context) }
        router.get(RouterPath(base + "/:instance_id/events")) { _, context in try await events(context) }
        router.get(RouterPath(base + "/:instance_id/stream")) { _, context in try await stream(context) }
    }

    /// `GET …/instances` → 200, newest first: `page[size]` (default 10, at most 100), `page[number]` (from 0).
    func list(_ request: Request, _ context: ServerRequestContext) async throws(APIError) -> Response {
        let workflowId = try PathID.instanceEndpoint(context.parameters.get("workflow_id"), field: "workflow_id")
        let query = QueryParameters(request.uri)
        let size = try query.integer("page[size]", default: 10, in: 1...100, family: .instances)
        let number = try query.integer("page[number]", default: 0, in: 0...1_000_000, family: .instances)
        _ = try await workflow(workflowId)
        let instances = environment.instances
        let page = try await store { () throws(StoreError) in
            try await instances.list(InstanceQuery(workflowId: workflowId, pageNumber: number, pageSize: size))
        }
        let body = InstanceResource.listBody(page)
        return APIResponse.json(body, family: .instances)
    }

    /// `GET …/instances/{instance_id}` → 200 with the pinned spec version and the workflow in `included`.
    func get(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let (stored, instance) = try await lookup(context)
        let (definitions, cache) = (environment.definitions, environment.specVersions)
        var version: WorkflowVersion?
        if let number = instance.workflowVersion {
            // A stored version never changes: after the first request it comes from the cache.
            version = try await store { () throws(StoreError) in
                try await cache.version(number, of: instance.workflowId) { () throws(StoreError) in
                    try await definitions.version(number, of: instance.workflowId)
                }
            }
        }
        let body = InstanceResource.getBody(instance, workflow: stored.workflow, version: version)
        return APIResponse.json(body, family: .instances)
    }

    /// `PUT …/instances/{instance_id}/cancel` → 200 `{}`; a finished instance stays as it is.
    func cancel(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let workflowId = try PathID.instanceEndpoint(context.parameters.get("workflow_id"), field: "workflow_id")
        let instanceId = try PathID.instanceEndpoint(context.parameters.get("instance_id"), field: "instance_id")
        // As recorded, cancel answers "instance … not found" whether or not the workflow exists.
        let found = try await instance(instanceId, of: workflowId)
        if !(await environment.executor.cancel(instanceId)), found.status == .inProgress {
            // Run by another process (a worker, another replica): its owner picks the request up within a second.
            let instances = environment.instances
            try await store { () throws(StoreError) in try await instances.requestCancel(instance: instanceId) }
        }
        return APIResponse.json(.emptyObject, family: .instances)
    }

    /// `GET …/instances/{instance_id}/steps` (local extension) → 200 `{"data": [step…]}`.
    func steps(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let (_, instance) = try await lookup(context)
        return APIResponse.json(JournalResource.stepsBody(instance), family: .instances)
    }

    /// `GET …/instances/{instance_id}/events` (local extension) → 200 `{"data": [event…]}`, the journal.
    func events(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let (_, instance) = try await lookup(context)
        let instances = environment.instances
        let journal = try await store { () throws(StoreError) in try await instances.journal(instance: instance.id) }
        return APIResponse.json(JournalResource.eventsBody(journal), family: .instances)
    }

    /// The workflow, then its instance, from the path: 404 `WORKFLOW_NOT_FOUND`, then `INSTANCE_NOT_FOUND`. One
    /// store read when one store holds both (``ServerEnvironment/combinedReads``).
    func lookup(_ context: ServerRequestContext) async throws(APIError) -> (StoredWorkflow, InstanceSummary) {
        let workflowId = try PathID.instanceEndpoint(context.parameters.get("workflow_id"), field: "workflow_id")
        let instanceId = try PathID.instanceEndpoint(context.parameters.get("instance_id"), field: "instance_id")
        guard let combined = environment.combinedReads else {
            let stored = try await workflow(workflowId)
            return (stored, try await instance(instanceId, of: workflowId))
        }
        let (stored, summary) = try await store { () throws(StoreError) in
            try await combined.instance(id: instanceId, withWorkflow: workflowId)
        }
        guard let stored else { throw Self.workflowNotFound }
        guard let summary, summary.workflowId == workflowId else { throw Self.instanceNotFound(instanceId) }
        return (stored, summary)
    }

    func workflow(_ id: String) async throws(APIError) -> StoredWorkflow {
        let definitions = environment.definitions
        guard let stored = try await store({ () throws(StoreError) in try await definitions.workflow(id: id) }) else {
            throw Self.workflowNotFound
        }
        return stored
    }

    func instance(_ id: String, of workflowId: String) async throws(APIError) -> InstanceSummary {
        let instances = environment.instances
        let summary = try await store { () throws(StoreError) in try await instances.instance(id: id) }
        guard let summary, summary.workflowId == workflowId else { throw Self.instanceNotFound(id) }
        return summary
    }

    static let workflowNotFound = APIError(.notFound, .instances, code: "WORKFLOW_NOT_FOUND", "workflow not found")

    static func instanceNotFound(_ id: String) -> APIError {
        APIError(.notFound, .instances, code: "INSTANCE_NOT_FOUND", "instance \(id) not found")
    }

    func store<T>(_ operation: () async throws(StoreError) -> T) async throws(APIError) -> T {
        do {
            return try await operation()
        } catch {
            environment.logger.error("store failure: \(error)")
            throw APIError(.internalServerError, .instances, code: "INTERNAL", "internal error: the store failed")
        }
    }
}
