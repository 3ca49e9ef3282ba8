import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkflowAPI
import WorkflowModel
import WorkflowStore

/// `/api/v2/workflows` and `/api/v2/workflows/{workflow_id}`: create, get, update, delete, list.
struct WorkflowController: Sendable {
    let environment: ServerEnvironment

    func addRoutes(to router: Router<ServerRequestContext>) {
        router.post("/api/v2/workflows") { request, context in try await create(request, context) }
        router.get("/api/v2/workflows") { request, _ in try await list(request) }
        router.get("/api/v2/workflows/:workflow_id") { _, context in try await get(context) }
        router.patch("/api/v2/workflows/:workflow_id") { request, context in try await update(request, context) }
        router.delete("/api/v2/workflows/:workflow_id") { _, context in try await delete(context) }
    }

    /// `POST /api/v2/workflows` → 201.
    func create(_ request: Request, _ context: ServerRequestContext) async throws(APIError) -> Response {
        let json = try await body(request)
        // Ids are the server's to give: an id in the body is ignored, as Datadog does.
        let document = WorkflowDocument(json: Self.settingDataID(json, nil))
        guard document.isValid, let spec = document.report.validated?.spec else {
            throw Self.validationError(document)
        }
        let now = environment.now()
        let workflow = Workflow(
            id: UUID().uuidString.lowercased(), name: document.name ?? "", description: document.description ?? "",
            published: document.published ?? true, tags: (document.tags ?? []).sorted(),
            webhookSecret: json["data"]?["attributes"]?["webhookSecret"]?.stringValue, spec: spec,
            submittedSpec: document.submittedSpec, createdAt: now, updatedAt: now)
        let stored = try await store { () throws(StoreError) in try await environment.definitions.create(workflow) }
        context.recordTarget(stored.workflow.id)
        environment.scheduleWakeup.poke()
        return APIResponse.raw(WorkflowResource.singleBody(stored.workflow), status: .created, family: .workflows)
    }

    /// `GET /api/v2/workflows/{workflow_id}` → 200.
    func get(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let id = try PathID.workflow(context.parameters.get("workflow_id"))
        let stored = try await existing(id)
        return APIResponse.raw(WorkflowResource.singleBody(stored.workflow), family: .workflows)
    }

    /// `PATCH /api/v2/workflows/{workflow_id}` → 200: the attributes given replace the stored ones; the path id
    /// wins over the body's.
    func update(_ request: Request, _ context: ServerRequestContext) async throws(APIError) -> Response {
        let id = try PathID.workflow(context.parameters.get("workflow_id"))
        let json = try await body(request)
        var workflow = try await existing(id).workflow
        let document = WorkflowDocument(json: Self.settingDataID(json, id))
        guard document.isValid else { throw Self.validationError(document) }
        if document.submittedSpec != nil {
            guard let spec = document.report.validated?.spec else { throw Self.validationError(document) }
            workflow.spec = spec
            workflow.submittedSpec = document.submittedSpec ?? workflow.submittedSpec
        }
        if let name = document.name { workflow.name = name }
        if let description = document.description { workflow.description = description }
        if let published = document.published { workflow.published = published }
        if let tags = document.tags { workflow.tags = tags.sorted() }
        if let secret = json["data"]?["attributes"]?["webhookSecret"]?.stringValue { workflow.webhookSecret = secret }
        workflow.updatedAt = max(environment.now(), workflow.updatedAt.addingTimeInterval(0.000_001))
        let updated = workflow
        let stored: StoredWorkflow
        do {
            stored = try await environment.definitions.update(updated)
        } catch  where error.code == .notFound {
            // Deleted between this request's read and its write: as if the request had come a moment later.
            throw Self.notFound
        } catch {
            throw Self.storeFailure(error, environment: environment)
        }
        environment.scheduleWakeup.poke()
        return APIResponse.raw(WorkflowResource.singleBody(stored.workflow), family: .workflows)
    }

    /// `DELETE /api/v2/workflows/{workflow_id}` → 204; 404 when there is no such workflow (or it was deleted).
    func delete(_ context: ServerRequestContext) async throws(APIError) -> Response {
        let id = try PathID.workflow(context.parameters.get("workflow_id"))
        do {
            try await environment.definitions.delete(id: id)
        } catch  where error.code == .notFound {
            throw Self.notFound
        } catch {
            throw Self.storeFailure(error, environment: environment)
        }
        return APIResponse.noContent()
    }

    static let notFound = APIError(.notFound, .workflows, code: "NOT_FOUND", "workflow not found")

    func existing(_ id: String) async throws(APIError) -> StoredWorkflow {
        let stored = try await store { () throws(StoreError) in try await environment.definitions.workflow(id: id) }
        guard let stored else { throw Self.notFound }
        return stored
    }

    func body(_ request: Request) async throws(APIError) -> JSONValue {
        guard
            let json = try await RequestJSON.read(
                request, limit: environment.configuration.maxBodySize, family: .workflows)
        else {
            throw APIError(.badRequest, .workflows, code: "MISSING_BODY", "request body is required")
        }
        guard case .object(let root) = json, root["data"] != nil else {
            throw APIError(
                .badRequest, .workflows,
                [.init(code: "INVALID", detail: "missing required field \"data\"", pointer: "/data")])
        }
        return json
    }

    func store<T>(_ operation: () async throws(StoreError) -> T) async throws(APIError) -> T {
        do {
            return try await operation()
        } catch {
            throw Self.storeFailure(error, environment: environment)
        }
    }

    static func storeFailure(_ error: StoreError, environment: ServerEnvironment) -> APIError {
        environment.logger.error("store failure: \(error)")
        return APIError(.internalServerError, .workflows, code: "INTERNAL", "internal error: the store failed")
    }
}
