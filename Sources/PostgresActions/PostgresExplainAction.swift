import PostgresNIO
import WorkflowActions
import WorkflowModel

/// `com.datadoghq.postgresql.explain`: `EXPLAIN <statement>` (a statement starting with `ANALYZE` is refused, as
/// the runner refuses it: the plan is shown, never run). `com.datadoghq.postgresql.explainAnalyze`:
/// `EXPLAIN ANALYZE <statement>` of a statement starting with `SELECT` or `INSERT` (as the runner, which runs it:
/// an `INSERT` inserts). Outputs `{output}`: the plan's lines joined with newlines (the runner joins them with
/// nothing).
public struct PostgresExplainAction: Action {
    private let settings: PostgresActionSettings
    /// Whether the statement is run (`EXPLAIN ANALYZE`).
    public let analyze: Bool

    /// - Parameters:
    ///   - settings: the clock and logger.
    ///   - analyze: `EXPLAIN ANALYZE` (the `explainAnalyze` action) rather than `EXPLAIN`.
    public init(settings: PostgresActionSettings = PostgresActionSettings(), analyze: Bool = false) {
        self.settings = settings
        self.analyze = analyze
    }

    /// Explains the statement.
    /// - Throws: ``ActionError`` `.invalidInput` for `ANALYZE` (`cannot include ANALYZE in statement`), for
    ///   `explainAnalyze` a statement that is not a `SELECT` or an `INSERT` (`statement can only be SELECT or
    ///   INSERT`), a forbidden name or missing connection tokens; `.failed` with the server's message; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let statement = try invocation.runnerString("statement")
        let lowered = statement.lowercased()
        if analyze, !lowered.hasPrefix("select"), !lowered.hasPrefix("insert") {
            throw ActionError(.invalidInput, "statement can only be SELECT or INSERT")
        }
        if !analyze, lowered.hasPrefix("analyze") {
            throw ActionError(.invalidInput, "cannot include ANALYZE in statement")
        }
        if let refusal = ForbiddenExpressions.refusal(of: statement) { throw ActionError(.invalidInput, refusal) }
        let sql = (analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + statement
        return try await settings.run(invocation) { connection, logger in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            var lines: [String] = []
            for try await row in rows {
                for cell in row { if case .string(let line) = cell.jsonValue { lines.append(line) } }
            }
            return ["output": .string(lines.joined(separator: "\n"))]
        }
    }
}
