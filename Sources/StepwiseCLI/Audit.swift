import ArgumentParser
import Foundation
import WorkflowAPI
import WorkflowModel
import WorkflowStore

extension Stepwise {
    /// `stepwise audit list`: the changes made through `stepwise serve`'s API.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the audit trail of stepwise serve: who created, changed, deleted, ran and cancelled what.",
            subcommands: [List.self]
        )
    }
}

extension Stepwise.Audit {
    /// `stepwise audit list [--db PATH] [--limit N] [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit entries, newest first.")

        @OptionGroup var store: StoreOptions

        @Option(help: "The most entries to show (1 to 10000).")
        var limit = 50

        @Flag(help: "Print what GET /api/v2/stepwise/audit returns.")
        var json = false

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
        }

        func run() async throws {
            guard let log = try await store.open() as? any AuditLog else {
                FileHandle.standardError.writeToConsole(
                    Data(
                        ("stepwise audit list: \(store.shown) keeps no audit trail (a server without a database keeps it in "
                            + "memory: GET /api/v2/stepwise/audit)\n").utf8))
                throw ExitCode(2)
            }
            let entries = try await log.auditEntries(limit: limit)
            if json {
                print(AuditResource.listBody(entries).prettyJSON)
                return
            }
            let rows: [[String]] = entries.map { entry in
                let time = APITimestamp.string(from: entry.time)
                let status = String(entry.status)
                return [time, entry.keyName ?? "-", entry.method, status, entry.target ?? "-", entry.route]
            }
            print(Self.table(header: ["TIME", "KEY", "METHOD", "STATUS", "TARGET", "ROUTE"], rows: rows))
        }

        /// Left-aligned columns two spaces apart; the last column is not padded.
        static func table(header: [String], rows: [[String]]) -> String {
            let all = [header] + rows
            let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
            return all.map { row in
                row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }
}
