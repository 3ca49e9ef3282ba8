import PostgresNIO
import WorkflowActions
import WorkflowModel

/// `com.datadoghq.postgresql.explain`: `EXPLAIN <statement>` (a statement starting with `ANALYZE` is refused, as
/// the runner refuses it: the plan is shown, never run). Outputs `{output}`: the plan's lines joined with
/// newlines (the runner joins them with nothing).
public struct PostgresExplainAction: Action {
    private let settings: PostgresActionSettings

    /// - Parameter settings: the clock and logger.
    public init(settings: PostgresActionSettings = PostgresActionSettings()) { self.settings = settings }

    /// Explains the statement.
    /// - Throws: ``ActionError`` `.invalidInput` for `ANALYZE` (`cannot include ANALYZE in statement`), a
    ///   forbidden name or missing connection tokens; `.failed` with the server's message; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let statement = try invocation.runnerString("statement")
        if statement.lowercased().hasPrefix("analyze") {
            throw ActionError(.invalidInput, "cannot include ANALYZE in statement")
        }
        if let refusal = ForbiddenExpressions.refusal(of: statement) { throw ActionError(.invalidInput, refusal) }
        return try await settings.run(invocation) { connection, logger in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + statement), logger: logger)
            var lines: [String] = []
            for try await row in rows {
                for cell in row { if case .string(let line) = cell.jsonValue { lines.append(line) } }
            }
            return ["output": .string(lines.joined(separator: "\n"))]
        }
    }
}
