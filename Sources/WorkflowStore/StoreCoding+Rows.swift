import Foundation
import WorkflowEngine
import WorkflowModel

/// A workflow's columns, encoded before a durable store writes them (SQLite and PostgreSQL write the same text).
package struct EncodedWorkflow: Sendable {
    package var workflow: Workflow
    /// JSON array of the tags.
    package var tags: String
    /// The typed spec, JSON.
    package var spec: String
    /// The spec as submitted, JSON.
    package var submittedSpec: String

    package init(_ workflow: Workflow) throws(StoreError) {
        self.workflow = workflow
        tags = try StoreCoding.encode(workflow.tags, "tags of workflow \(workflow.id)")
        spec = try StoreCoding.encode(workflow.spec, "spec of workflow \(workflow.id)")
        submittedSpec = workflow.submittedSpec.compactJSON
    }
}

/// One append's journal entries as the columns of their rows.
package struct EncodedEntries: Sendable {
    package var sequences: [Int] = []
    package var times: [Double] = []
    /// `InstanceEvent` JSON.
    package var events: [String] = []

    package init(_ entries: [JournalEntry], instance id: String) throws(StoreError) {
        sequences.reserveCapacity(entries.count)
        times.reserveCapacity(entries.count)
        events.reserveCapacity(entries.count)
        for entry in entries {
            sequences.append(entry.sequence)
            times.append(entry.time.timeIntervalSinceReferenceDate)
            events.append(try StoreCoding.encodeEvent(entry.event, "event \(entry.sequence) of instance \(id)"))
        }
    }
}

/// The columns of a workflow row joined with its current version, as a durable store reads them back.
package struct WorkflowColumns {
    package var id: String
    package var name: String
    package var description: String
    package var published: Bool
    package var tags: String
    package var webhookSecret: String?
    package var version: Int
    package var createdAt: Double
    package var updatedAt: Double
    package var spec: String
    package var submittedSpec: String

    package init(
        id: String, name: String, description: String, published: Bool, tags: String, webhookSecret: String?,
        version: Int, createdAt: Double, updatedAt: Double, spec: String, submittedSpec: String
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.published = published
        self.tags = tags
        self.webhookSecret = webhookSecret
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.spec = spec
        self.submittedSpec = submittedSpec
    }

    /// The stored workflow these columns hold.
    /// - Throws: ``StoreError`` `corrupt` when a JSON column does not decode.
    package func decoded() throws(StoreError) -> StoredWorkflow {
        let workflow = Workflow(
            id: id, name: name, description: description, published: published,
            tags: try StoreCoding.decode([String].self, tags, "tags of workflow \(id)"),
            webhookSecret: webhookSecret,
            spec: try StoreCoding.decode(WorkflowSpec.self, spec, "spec of workflow \(id)"),
            submittedSpec: try StoreCoding.parse(submittedSpec, "submitted spec of workflow \(id)"),
            createdAt: Date(timeIntervalSinceReferenceDate: createdAt),
            updatedAt: Date(timeIntervalSinceReferenceDate: updatedAt))
        return StoredWorkflow(workflow: workflow, version: version)
    }
}

extension StoreCoding {
    /// A JSON value stored as text (a submitted spec).
    /// - Throws: ``StoreError`` `corrupt` naming `what`.
    package static func parse(_ text: String, _ what: @autoclosure () -> String) throws(StoreError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw StoreError(.corrupt, "could not parse \(what()): \(error)")
        }
    }
}
