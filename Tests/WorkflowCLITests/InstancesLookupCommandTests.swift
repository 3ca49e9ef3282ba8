import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// `stepwise instances list` as a table, and `get`/`cancel` by a unique id prefix, as git does.
@Suite("stepwise instances: table and id prefixes")
struct InstancesLookupCommandTests {
    static let first = "abc12345-1111-4111-8111-111111111111"
    static let second = "abc12399-2222-4222-8222-222222222222"
    static let workflowId = "5f0e4b7c-0000-4000-8000-000000000001"

    /// A database with a workflow named "Nightly report" and two unfinished instances whose ids share `abc123`.
    static func database() async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-prefix-\(UUID()).db").path
        let store = try SQLiteStore(path: path)
        let spec = try #require(
            WorkflowDocument(
                json: try TestSupport.loadJSON(TestSupport.samplesDirectory.appendingPathComponent("linear-chain.json"))
            )
            .report.validated?.spec)
        let now = Date()
        _ = try await store.create(
            Workflow(
                id: workflowId, name: "Nightly report", description: "", published: false, spec: spec,
                submittedSpec: .emptyObject, createdAt: now, updatedAt: now))
        for (offset, id) in [first, second].enumerated() {
            try await store.create(
                InstanceSummary(
                    id: id, workflowId: workflowId, trigger: .workflow, sourceKind: "manual", source: .emptyObject,
                    inputs: .emptyObject, startedAt: now.addingTimeInterval(Double(offset))))
        }
        return path
    }

    @Test("list: a header, short ids, the workflow's name")
    func list() async throws {
        let db = try await Self.database()
        let result = try await StepwiseProcess.run(["instances", "list", "--db", db])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.split(separator: " ", omittingEmptySubsequences: true) == [
                "ID", "STATUS", "STARTED", "ENDED", "WORKFLOW",
            ])
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("abc12399  IN_PROGRESS"))
        #expect(lines[1].hasSuffix("Nightly report (5f0e4b7c)"))
        #expect(lines[2].hasPrefix("abc12345  IN_PROGRESS"))
    }

    @Test("get: a unique prefix finds the instance; an ambiguous one lists the candidates")
    func get() async throws {
        let db = try await Self.database()
        let unique = try await StepwiseProcess.run(["instances", "get", "--db", db, "abc12345"])
        #expect(unique.status == 0)
        #expect(unique.stdout.hasPrefix("\(Self.first)  IN_PROGRESS"))
        let ambiguous = try await StepwiseProcess.run(["instances", "get", "--db", db, "abc123"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("instance prefix abc123 is ambiguous"))
        #expect(ambiguous.stderr.contains(Self.first))
        #expect(ambiguous.stderr.contains(Self.second))
        let none = try await StepwiseProcess.run(["instances", "get", "--db", db, "fff"])
        #expect(none.status == 1)
        #expect(none.stderr == "stepwise instances get: no instance fff\n")
    }

    @Test("cancel: a unique prefix cancels that instance only")
    func cancel() async throws {
        let db = try await Self.database()
        let ambiguous = try await StepwiseProcess.run(["instances", "cancel", "--db", db, "abc1", "--wait", "0"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("is ambiguous"))
        let result = try await StepwiseProcess.run(["instances", "cancel", "--db", db, "abc12399", "--wait", "0"])
        #expect(result.status == 0)
        #expect(result.stdout == "\(Self.second) CANCELED (no process was running it)\n")
        let store = try SQLiteStore(path: db)
        #expect(try await store.instance(id: Self.first)?.status == .inProgress)
        #expect(try await store.instance(id: Self.second)?.status == .canceled)
    }
}
