import PostgresNIO
import WorkflowActions
import WorkflowModel

/// `com.datadoghq.postgresql.insert`: one `INSERT INTO table (columns) VALUES ($1, …)` per row of `values`, each
/// value bound, never written into the SQL. Outputs `{commandTag: "INSERT 0 <rows>"}`.
///
/// Every row is checked for the runner's forbidden names before any is sent, and the rows go in one transaction:
/// a row the server refuses leaves the table as it was (the runner inserts row by row and keeps the rows before).
public struct PostgresInsertAction: Action {
    private let settings: PostgresActionSettings

    /// - Parameter settings: the clock and logger.
    public init(settings: PostgresActionSettings = PostgresActionSettings()) { self.settings = settings }

    /// Inserts the rows.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type, an empty table, an empty row, a
    ///   forbidden name or missing connection tokens; `.failed` with the server's message; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let table = try invocation.runnerString("table")
        let columns = try invocation.runnerStrings("columns")
        var rows: [(sql: String, values: [JSONValue])] = []
        for row in try invocation.runnerList("values") {
            guard case .array(let values) = row else {
                throw invocation.runnerInputError("values", expected: "a list of lists of values")
            }
            let sql = try SQLStatement.insert(table: table, columns: columns, count: values.count)
            if let refusal = ForbiddenExpressions.refusal(of: SQLStatement.checkedText(of: sql, values: values)) {
                throw ActionError(.invalidInput, refusal)
            }
            rows.append((sql, values))
        }
        let statements = rows
        return try await settings.run(invocation) { connection, logger in
            if !statements.isEmpty {
                try await connection.query("BEGIN", logger: logger)
                for statement in statements {
                    try await connection.query(
                        PostgresQuery(unsafeSQL: statement.sql, binds: PostgresParameter.bindings(statement.values)),
                        logger: logger)
                }
                try await connection.query("COMMIT", logger: logger)
            }
            return ["commandTag": .string("INSERT 0 \(statements.count)")]
        }
    }
}
