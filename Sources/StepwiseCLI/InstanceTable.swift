import Foundation
import WorkflowAPI
import WorkflowEngine
import WorkflowStore

/// `stepwise instances list` as a table: a header, then per instance its short id (a prefix `get` and `cancel`
/// accept), status, start and end times, and its workflow's name and short id.
struct InstanceTable {
    var instances: [InstanceSummary]
    /// Workflow names by workflow id (a workflow that is gone shows its id only).
    var workflowNames: [String: String]

    /// How many characters of an id the table shows.
    static let shortIdLength = 8

    var text: String {
        let header = ["ID", "STATUS", "STARTED", "ENDED", "WORKFLOW"]
        let rows = instances.map { instance in
            let workflow = String(instance.workflowId.prefix(Self.shortIdLength))
            return [
                String(instance.id.prefix(Self.shortIdLength)), Self.status(of: instance),
                APITimestamp.string(from: instance.startedAt),
                instance.endedAt.map { APITimestamp.string(from: $0) } ?? "-",
                workflowNames[instance.workflowId].map { "\($0) (\(workflow))" } ?? workflow,
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.map { $0 + "\n" }.joined()
    }

    /// An instance the engine stopped itself (quarantined, seven-day limit) says why beside its status.
    static func status(of instance: InstanceSummary) -> String {
        let engineCodes = [StepFailure.Codes.quarantined, StepFailure.Codes.instanceTimeout]
        guard let code = instance.error?.code, engineCodes.contains(code) else { return instance.status.rawValue }
        return "\(instance.status.rawValue) (\(code))"
    }
}
