import Foundation
import GRDB
import Synchronization
import WorkflowEngine
import WorkflowModel

extension SQLiteStore: DefinitionStore, InstanceWithWorkflowReading {
    private static let selectWorkflow = """
        SELECT w.id, w.name, w.description, w.published, w.tags, w.webhook_secret, w.version, w.created_at,
            w.updated_at, v.spec, v.submitted_spec
        FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version
        """

    public func create(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        let encoded = try EncodedWorkflow(workflow)
        let version = Mutex(0)
        try await write { db in
            guard try Self.currentVersion(db, workflow.id) == nil else {
                throw StoreError(.duplicate, "workflow \(workflow.id) exists")
            }
            let number = try Self.nextVersion(db, workflow.id)
            try Self.insertVersion(db, encoded, number)
            try db.execute(
                sql: """
                    INSERT INTO workflows
                        (id, name, description, published, tags, webhook_secret, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    workflow.id, workflow.name, workflow.description, workflow.published, encoded.tags,
                    workflow.webhookSecret, number, workflow.createdAt.timeIntervalSinceReferenceDate,
                    workflow.updatedAt.timeIntervalSinceReferenceDate,
                ])
            version.withLock { $0 = number }
        }
        return StoredWorkflow(workflow: workflow, version: version.withLock { $0 })
    }

    public func workflow(id: String) async throws(StoreError) -> StoredWorkflow? {
        try await read { db in
            try Row.fetchOne(db, sql: Self.selectWorkflow + " WHERE w.id = ?", arguments: [id]).map(Self.stored)
        }
    }

    /// The workflow and the instance in one read transaction.
    public func instance(
        id: String, withWorkflow workflowId: String
    ) async throws(StoreError) -> (workflow: StoredWorkflow?, instance: InstanceSummary?) {
        try await read { db in
            let workflow = try Row.fetchOne(
                db.cachedStatement(sql: Self.selectWorkflow + " WHERE w.id = ?"), arguments: [workflowId]
            ).map(Self.stored)
            guard workflow != nil, let row = try Self.summaryRow(db, id: id) else { return (workflow, nil) }
            return (workflow, try Self.summary(db, row))
        }
    }

    public func update(_ workflow: Workflow) async throws(StoreError) -> StoredWorkflow {
        let encoded = try EncodedWorkflow(workflow)
        let result = Mutex<StoredWorkflow?>(nil)
        try await write { db in
            guard let row = try Row.fetchOne(db, sql: Self.selectWorkflow + " WHERE w.id = ?", arguments: [workflow.id])
            else { throw StoreError(.notFound, "no workflow \(workflow.id)") }
            let old = try Self.stored(row)
            var number = old.version
            if old.workflow.submittedSpec != workflow.submittedSpec || old.workflow.spec != workflow.spec {
                number = try Self.nextVersion(db, workflow.id)
                try Self.insertVersion(db, encoded, number)
            }
            try db.execute(
                sql: """
                    UPDATE workflows SET name = ?, description = ?, published = ?, tags = ?, webhook_secret = ?,
                        version = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    workflow.name, workflow.description, workflow.published, encoded.tags, workflow.webhookSecret,
                    number, workflow.updatedAt.timeIntervalSinceReferenceDate, workflow.id,
                ])
            var updated = workflow
            updated.createdAt = old.workflow.createdAt
            let stored = StoredWorkflow(workflow: updated, version: number)
            result.withLock { $0 = stored }
        }
        guard let stored = result.withLock({ $0 }) else { throw StoreError(.io, "update of \(workflow.id) was lost") }
        return stored
    }

    public func delete(id: String) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "DELETE FROM workflows WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw StoreError(.notFound, "no workflow \(id)") }
        }
    }

    public func version(_ version: Int, of workflowId: String) async throws(StoreError) -> WorkflowVersion? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT spec, submitted_spec, created_at FROM workflow_versions
                        WHERE workflow_id = ? AND version = ?
                        """,
                    arguments: [workflowId, version])
            else { return nil }
            return WorkflowVersion(
                workflowId: workflowId, version: version,
                spec: try StoreCoding.decode(
                    WorkflowSpec.self, try row.decode(String.self, atIndex: 0), "spec of \(workflowId)"),
                submittedSpec: try StoreCoding.parse(try row.decode(String.self, atIndex: 1), "spec of \(workflowId)"),
                createdAt: Date(timeIntervalSinceReferenceDate: try row.decode(atIndex: 2)))
        }
    }

    public func list(_ query: DefinitionQuery) async throws(StoreError) -> DefinitionPage {
        try await read { db in
            let size = max(query.pageSize, 0)
            let offset = max(query.pageNumber, 0) * size
            let text = query.nameContains ?? ""
            let filter = text.isEmpty ? "" : " WHERE stepwise_name_contains(w.name, ?)"
            let arguments: StatementArguments = text.isEmpty ? [] : [text]
            let direction = query.sort.descending ? "DESC" : "ASC"
            let column: String
            switch query.sort.field {
            case .name: column = "w.name COLLATE stepwise_name"
            case .createdAt: column = "w.created_at"
            case .updatedAt: column = "w.updated_at"
            }
            let workflows = try Row.fetchAll(
                db,
                sql: Self.selectWorkflow + filter
                    + " ORDER BY \(column) \(direction), w.id \(direction) LIMIT ? OFFSET ?",
                arguments: arguments + [size, offset]
            ).map(Self.stored)
            let total =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM workflows w" + filter, arguments: arguments) ?? 0
            return DefinitionPage(workflows: workflows, totalCount: total)
        }
    }

    private static func currentVersion(_ db: Database, _ id: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT version FROM workflows WHERE id = ?", arguments: [id])
    }

    private static func nextVersion(_ db: Database, _ id: String) throws -> Int {
        let last = try Int.fetchOne(
            db, sql: "SELECT max(version) FROM workflow_versions WHERE workflow_id = ?", arguments: [id])
        return (last ?? 0) + 1
    }

    private static func insertVersion(_ db: Database, _ encoded: EncodedWorkflow, _ number: Int) throws {
        try db.execute(
            sql: """
                INSERT INTO workflow_versions (workflow_id, version, spec, submitted_spec, created_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                encoded.workflow.id, number, encoded.spec, encoded.submittedSpec,
                encoded.workflow.updatedAt.timeIntervalSinceReferenceDate,
            ])
    }

    private static func stored(_ row: Row) throws -> StoredWorkflow {
        try WorkflowColumns(
            id: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1), description: try row.decode(atIndex: 2),
            published: try row.decode(atIndex: 3), tags: try row.decode(atIndex: 4),
            webhookSecret: try row.decode(atIndex: 5), version: try row.decode(atIndex: 6),
            createdAt: try row.decode(atIndex: 7), updatedAt: try row.decode(atIndex: 8),
            spec: try row.decode(atIndex: 9),
            submittedSpec: try row.decode(atIndex: 10)
        ).decoded()
    }
}
