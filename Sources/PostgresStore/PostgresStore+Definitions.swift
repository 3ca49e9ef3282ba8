import Foundation
import Logging
import PostgresNIO
import Synchronization
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension PostgresStore: DefinitionStore, InstanceWithWorkflowReading {
    /// The columns of a workflow row joined with its current version, in ``stored(_:)``'s order.
    private typealias WorkflowRow = (String, String, String, Bool, String, String?, Int, Double, Double, String, String)

    private static let selectWorkflow = """
        SELECT w.id, w.name, w.description, w.published, w.tags, w.webhook_secret, w.version, w.created_at,
            w.updated_at, v.spec, v.submitted_spec
        FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version
        """

    public func create(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        let encoded = try EncodedWorkflow(workflow)
        let version = Mutex(0)
        try await transaction("creating workflow \(workflow.id)") { connection, logger in
            // The row lock of an existing workflow, or the id's advisory lock, orders two creates of one id.
            try await Self.run("SELECT pg_advisory_xact_lock(hashtext(\(workflow.id)))", on: connection, logger)
            guard
                try await Self.first(
                    Int.self, "SELECT version FROM workflows WHERE id = \(workflow.id)", on: connection, logger) == nil
            else { throw StoreError(.duplicate, "workflow \(workflow.id) exists") }
            let number = try await Self.nextVersion(workflow.id, on: connection, logger)
            try await Self.insertVersion(encoded, number, on: connection, logger)
            try await Self.run(
                """
                INSERT INTO workflows (id, name, name_key, description, published, tags, webhook_secret, version,
                    created_at, updated_at)
                VALUES (\(workflow.id), \(workflow.name), \(workflow.name.lowercased()), \(workflow.description),
                    \(workflow.published), \(encoded.tags), \(workflow.webhookSecret), \(number),
                    \(workflow.createdAt.timeIntervalSinceReferenceDate),
                    \(workflow.updatedAt.timeIntervalSinceReferenceDate))
                """, on: connection, logger)
            version.withLock { $0 = number }
        }
        return StoredWorkflow(workflow: workflow, version: version.withLock { $0 })
    }

    public func workflow(id: String) async throws(StoreError) -> StoredWorkflow? {
        try await read("reading workflow \(id)") { connection, logger in
            try await Self.workflows(
                PostgresQuery(unsafeSQL: Self.selectWorkflow + " WHERE w.id = $1", binds: Self.binds(id)),
                on: connection, logger
            ).first
        }
    }

    /// The workflow and the instance on one pooled connection: the workflow's row, the instance's snapshot row and
    /// the journal entries after that snapshot.
    public func instance(
        id: String, withWorkflow workflowId: String
    ) async throws(StoreError) -> (workflow: StoredWorkflow?, instance: InstanceSummary?) {
        try await read("reading instance \(id) of workflow \(workflowId)") { connection, logger in
            guard
                let workflow = try await Self.workflows(
                    PostgresQuery(unsafeSQL: Self.selectWorkflow + " WHERE w.id = $1", binds: Self.binds(workflowId)),
                    on: connection, logger
                ).first
            else { return (nil, nil) }
            guard let row = try await Self.summaryRow(id: id, on: connection, logger) else { return (workflow, nil) }
            return (workflow, try await Self.summary(row, on: connection, logger))
        }
    }

    public func update(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        let encoded = try EncodedWorkflow(workflow)
        let result = Mutex<StoredWorkflow?>(nil)
        try await transaction("updating workflow \(workflow.id)") { connection, logger in
            guard
                let old = try await Self.workflows(
                    PostgresQuery(
                        unsafeSQL: Self.selectWorkflow + " WHERE w.id = $1 FOR UPDATE OF w",
                        binds: Self.binds(workflow.id)), on: connection, logger
                ).first
            else { throw StoreError(.notFound, "no workflow \(workflow.id)") }
            var number = old.version
            if old.workflow.submittedSpec != workflow.submittedSpec || old.workflow.spec != workflow.spec {
                number = try await Self.nextVersion(workflow.id, on: connection, logger)
                try await Self.insertVersion(encoded, number, on: connection, logger)
            }
            try await Self.run(
                """
                UPDATE workflows SET name = \(workflow.name), name_key = \(workflow.name.lowercased()),
                    description = \(workflow.description), published = \(workflow.published), tags = \(encoded.tags),
                    webhook_secret = \(workflow.webhookSecret), version = \(number),
                    updated_at = \(workflow.updatedAt.timeIntervalSinceReferenceDate)
                WHERE id = \(workflow.id)
                """, on: connection, logger)
            var updated = workflow
            updated.createdAt = old.workflow.createdAt
            let stored = StoredWorkflow(workflow: updated, version: number)
            result.withLock { $0 = stored }
        }
        guard let stored = result.withLock({ $0 }) else { throw StoreError(.io, "update of \(workflow.id) was lost") }
        return stored
    }

    public func delete(id: String) async throws(StoreError) {
        try await transaction("deleting workflow \(id)") { connection, logger in
            guard
                try await Self.first(
                    String.self, "DELETE FROM workflows WHERE id = \(id) RETURNING id", on: connection, logger) != nil
            else { throw StoreError(.notFound, "no workflow \(id)") }
        }
    }

    public func version(_ version: Int, of workflowId: String) async throws(StoreError) -> WorkflowVersion? {
        try await read("reading version \(version) of workflow \(workflowId)") { connection, logger in
            var found: WorkflowVersion?
            for try await (spec, submitted, createdAt) in try await connection.query(
                """
                SELECT spec, submitted_spec, created_at FROM workflow_versions
                WHERE workflow_id = \(workflowId) AND version = \(version)
                """, logger: logger
            ).decode((String, String, Double).self) {
                found = WorkflowVersion(
                    workflowId: workflowId, version: version,
                    spec: try StoreCoding.decode(WorkflowSpec.self, spec, "spec of \(workflowId)"),
                    submittedSpec: try StoreCoding.parse(submitted, "spec of \(workflowId)"),
                    createdAt: Date(timeIntervalSinceReferenceDate: createdAt))
            }
            return found
        }
    }

    public func list(_ query: DefinitionQuery) async throws(StoreError) -> DefinitionPage {
        try await read("listing workflows") { connection, logger in
            let size = max(query.pageSize, 0)
            let offset = max(query.pageNumber, 0) * size
            let text = (query.nameContains ?? "").lowercased()
            let filter = text.isEmpty ? "" : " WHERE strpos(w.name_key, $1) > 0"
            let direction = query.sort.descending ? "DESC" : "ASC"
            let order: String
            switch query.sort.field {
            case .name: order = "w.name_key COLLATE \"C\" \(direction), w.name COLLATE \"C\" \(direction)"
            case .createdAt: order = "w.created_at \(direction)"
            case .updatedAt: order = "w.updated_at \(direction)"
            }
            var binds = PostgresBindings()
            if !text.isEmpty { binds.append(text) }
            let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) FROM workflows w" + filter, binds: binds)
            let next = binds.count + 1
            binds.append(size)
            binds.append(offset)
            let workflows = try await Self.workflows(
                PostgresQuery(
                    unsafeSQL: Self.selectWorkflow + filter
                        + " ORDER BY \(order), w.id COLLATE \"C\" \(direction) LIMIT $\(next) OFFSET $\(next + 1)",
                    binds: binds), on: connection, logger)
            let total = try await Self.first(Int.self, countQuery, on: connection, logger) ?? 0
            return DefinitionPage(workflows: workflows, totalCount: total)
        }
    }

    /// Runs `body` in a transaction of its own (definitions are written rarely: no group commit).
    private func transaction(
        _ doing: @autoclosure () -> String,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Void
    ) async throws(StoreError) {
        let (logger, client) = (self.logger, self.client)
        do {
            try await Deadline.run(operationTimeout) {
                try await client.withConnection { connection in
                    try await connection.withTransaction(logger: logger) { connection in
                        try await body(connection, logger)
                    }
                }
            }
        } catch {
            throw storeError(error, doing())
        }
    }

    private static func binds(_ text: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(text)
        return binds
    }

    private static func nextVersion(
        _ id: String, on connection: PostgresConnection, _ logger: Logger
    ) async throws
        -> Int
    {
        let last = try await first(
            Int.self, "SELECT coalesce(max(version), 0) FROM workflow_versions WHERE workflow_id = \(id)",
            on: connection, logger)
        return (last ?? 0) + 1
    }

    private static func insertVersion(
        _ encoded: EncodedWorkflow, _ number: Int, on connection: PostgresConnection, _ logger: Logger
    ) async throws {
        try await run(
            """
            INSERT INTO workflow_versions (workflow_id, version, spec, submitted_spec, created_at)
            VALUES (\(encoded.workflow.id), \(number), \(encoded.spec), \(encoded.submittedSpec),
                \(encoded.workflow.updatedAt.timeIntervalSinceReferenceDate))
            """, on: connection, logger)
    }

    private static func workflows(
        _ query: PostgresQuery, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> [StoredWorkflow] {
        var workflows: [StoredWorkflow] = []
        for try await row in try await connection.query(query, logger: logger).decode(WorkflowRow.self) {
            workflows.append(try stored(row))
        }
        return workflows
    }

    private static func stored(_ row: WorkflowRow) throws(StoreError) -> StoredWorkflow {
        try WorkflowColumns(
            id: row.0, name: row.1, description: row.2, published: row.3, tags: row.4, webhookSecret: row.5,
            version: row.6, createdAt: row.7, updatedAt: row.8, spec: row.9, submittedSpec: row.10
        ).decoded()
    }
}
