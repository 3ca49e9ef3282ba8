import ArgumentParser
import Foundation
import WorkflowAPI
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension Stepwise {
    /// `stepwise workflows list|get|delete`: the stored definitions, as the REST workflow endpoints show them.
    struct Workflows: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show, store and delete workflows in the database.",
            subcommands: [List.self, Get.self, Create.self, Delete.self]
        )
    }
}

extension Stepwise.Workflows {
    /// `stepwise workflows list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List workflows, newest first.")

        @OptionGroup var store: StoreOptions

        @Option(help: "Only workflows whose name contains this text (ignoring case).")
        var query: String?

        @Option(help: "Workflows per page (at most 500).")
        var limit = 50

        @Option(help: "The page, from 0.")
        var page = 0

        @Flag(help: "Print what GET /api/v2/workflows returns (with specs).")
        var json = false

        func validate() throws {
            guard (1...500).contains(limit) else { throw ValidationError("--limit must be 1 to 500") }
            guard page >= 0 else { throw ValidationError("--page must be 0 or more") }
        }

        func run() async throws {
            let database = try await store.open()
            let result = try await database.list(
                DefinitionQuery(nameContains: query, pageNumber: page, pageSize: limit))
            if json {
                let total = try await database.list(DefinitionQuery(pageNumber: 0, pageSize: 0)).totalCount
                print(
                    WorkflowResource.listBody(
                        result.workflows.map(\.workflow), includeSpecs: true, totalCount: total,
                        filteredCount: result.totalCount))
                return
            }
            for stored in result.workflows {
                let workflow = stored.workflow
                let steps = workflow.spec.steps?.count ?? 0
                print(
                    "\(workflow.id)  v\(stored.version)  \(steps) steps  \(workflow.published ? "published" : "draft")  "
                        + workflow.name)
            }
            print("\(result.workflows.count) of \(result.totalCount)")
        }
    }

    /// `stepwise workflows get ID`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one workflow as GET /api/v2/workflows/{id} does.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The workflow id.")
        var id: String

        func run() async throws {
            guard let stored = try await store.open().workflow(id: id) else {
                FileHandle.standardError.writeToConsole(Data("stepwise workflows get: no workflow \(id)\n".utf8))
                throw ExitCode.failure
            }
            print(WorkflowResource.singleBody(stored.workflow))
        }
    }

    /// `stepwise workflows delete ID`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a workflow (its instances and the spec versions they pinned stay).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The workflow id.")
        var id: String

        func run() async throws {
            let database = try await store.open()
            let found = try await database.workflow(id: id) != nil
            guard found else {
                FileHandle.standardError.writeToConsole(Data("stepwise workflows delete: no workflow \(id)\n".utf8))
                throw ExitCode.failure
            }
            try await database.delete(id: id)
            print("deleted \(id)")
        }
    }
}
