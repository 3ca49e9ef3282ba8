import ArgumentParser
import Foundation
import WorkflowAPI
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension Stepwise {
    /// `stepwise instances list|get|cancel|watch`: the instance API of the REST server, on the command line.
    struct Instances: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, show, cancel and watch workflow instances.",
            subcommands: [List.self, Get.self, Cancel.self, Watch.self]
        )
    }
}

extension Stepwise.Instances {
    /// `stepwise instances list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List instances, newest first.")

        @OptionGroup var store: StoreOptions

        @Option(help: "Only the instances of this workflow id.")
        var workflow: String?

        @Option(name: .customLong("page"), help: "The page, from 0.")
        var pageNumber = 0

        @Option(name: .customLong("page-size"), help: "Instances per page (at most 100).")
        var pageSize = 10

        @Flag(help: "Print what GET /api/v2/workflows/{id}/instances returns.")
        var json = false

        func validate() throws {
            guard (1...100).contains(pageSize) else { throw ValidationError("--page-size must be 1 to 100") }
            guard pageNumber >= 0 else { throw ValidationError("--page must be 0 or more") }
        }

        func run() async throws {
            let database = try await store.open()
            let page = try await database.list(
                InstanceQuery(workflowId: workflow, pageNumber: pageNumber, pageSize: pageSize))
            if json {
                print(InstanceResource.listBody(page).prettyJSON)
                return
            }
            var names: [String: String] = [:]
            for id in Set(page.instances.map(\.workflowId)) {
                names[id] = try await database.workflow(id: id)?.workflow.name
            }
            print(InstanceTable(instances: page.instances, workflowNames: names).text, terminator: "")
            print(
                "\(page.instances.count) of \(page.totalCount) (succeeded \(page.succeededCount), failed "
                    + "\(page.failedCount), canceled \(page.canceledCount))")
        }
    }

    /// `stepwise instances get ID`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one instance and its steps.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The instance id, or a prefix of it that only one instance has.")
        var id: String

        @Flag(help: "Print what GET /api/v2/workflows/{id}/instances/{instance_id} returns.")
        var json = false

        func run() async throws {
            let instance: InstanceSummary
            do {
                instance = try await InstanceLookup.find(id, in: try await store.open())
            } catch let failure as InstanceLookup.Failure {
                FileHandle.standardError.writeToConsole(Data("stepwise instances get: \(failure)\n".utf8))
                throw ExitCode.failure
            }
            if json {
                print(InstanceResource.getBody(instance).prettyJSON)
                return
            }
            print("\(instance.id)  \(instance.status.rawValue)  workflow \(instance.workflowId)")
            if let parent = instance.parent {
                print(
                    "started by instance \(parent.instanceId), step \"\(parent.stepName)\" (depth \(parent.chain.count))"
                )
            }
            for step in instance.steps {
                let attempts = step.attempts > 1 ? " (\(step.attempts) attempts)" : ""
                let error = step.error.map { ": \($0.message)" } ?? ""
                let iteration = step.iteration.map { " [iteration \($0)]" } ?? ""
                print(
                    "  \(step.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(step.name)\(iteration)\(attempts)\(error)"
                )
            }
            if let error = instance.error { print("error: \(error.message)") }
        }
    }

    /// `stepwise instances cancel ID`.
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an instance, whichever stepwise process runs it.",
            discussion: """
                When a live process runs the instance, the request is stored; that process picks it up within a \
                fraction of a second and stops its running actions. When no live process owns it (it was left \
                behind by a crash), the shell steps its dead process left running are ended and the instance is \
                marked CANCELED in the database at once. Cancelling a finished instance changes nothing.
                """
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: "The instance id, or a prefix of it that only one instance has.")
        var prefix: String

        @Option(help: "Seconds to wait for the process running the instance to cancel it (exit 1 if it did not).")
        var wait = 10.0

        func run() async throws {
            let database = try await store.open()
            let instance: InstanceSummary
            do {
                instance = try await InstanceLookup.find(prefix, in: database)
            } catch let failure as InstanceLookup.Failure {
                FileHandle.standardError.writeToConsole(Data("stepwise instances cancel: \(failure)\n".utf8))
                throw ExitCode.failure
            }
            let id = instance.id
            guard instance.status == .inProgress else {
                print("\(id) \(instance.status.rawValue) (already finished)")
                return
            }
            // No live process owns it (its process died): cancelled here at once.
            if try await cancelOrphan(id, in: database) { return }
            try await database.requestCancel(instance: id)
            let deadline = ContinuousClock.now.advanced(by: .seconds(wait))
            while ContinuousClock.now < deadline {
                if let current = try await database.instance(id: id), current.status != .inProgress {
                    print("\(id) \(current.status.rawValue)")
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            // Its owner may have died meanwhile; if not, it cancels the instance when it picks the request up.
            if try await cancelOrphan(id, in: database) { return }
            FileHandle.standardError.writeToConsole(
                Data(
                    ("stepwise instances cancel: a live process runs \(id) and has not cancelled it within \(wait) s; "
                        + "the request stays until it picks it up\n").utf8))
            throw ExitCode.failure
        }

        /// Cancels `id` in the database if no live process owns it; false when one does.
        private func cancelOrphan(_ id: String, in database: any InstanceStore) async throws -> Bool {
            guard let lease = try await OrphanCancellation.claim(id, in: database) else { return false }
            try await OrphanCancellation.cancel(id, in: database, holding: lease)
            print("\(id) CANCELED (no process was running it)")
            return true
        }
    }
}
