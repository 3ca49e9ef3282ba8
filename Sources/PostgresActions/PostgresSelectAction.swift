import Logging
import PostgresNIO
import WorkflowActions
import WorkflowModel

/// `com.datadoghq.postgresql.select`: `SELECT columns FROM table [joinClause] [WHERE whereClause] [ORDER BY
/// orderBy] [LIMIT limit]` with `parameters` bound to `$1`, `$2`, … (or `?`), never written into the SQL.
///
/// Outputs `{query, truncatedResults, results: [[value, …], …], columns}`; `results` is `null` when no row
/// matches, as the runner writes it. Rows stop before their JSON passes 15 MiB, and `truncatedResults` is then
/// true. A query naming one of the runner's forbidden admin tables or functions is refused before it is sent.
public struct PostgresSelectAction: Action {
    private let settings: PostgresActionSettings

    /// - Parameter settings: the clock, result cap and logger.
    public init(settings: PostgresActionSettings = PostgresActionSettings()) { self.settings = settings }

    /// Runs the query.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type, no columns, a forbidden name or
    ///   missing connection tokens; `.failed` with the server's message; `.timedOut` when the task time limit ends.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let statement = try SQLStatement.select(
            columns: try invocation.runnerStrings("columns"), table: try invocation.runnerString("table"),
            joinClause: try invocation.runnerString("joinClause"),
            whereClause: try invocation.runnerString("whereClause"), orderBy: try invocation.runnerString("orderBy"),
            limit: try invocation.runnerInteger("limit", in: 0...1_000_000_000_000))
        let parameters = try invocation.runnerList("parameters")
        if let refusal = ForbiddenExpressions.refusal(of: statement) { throw ActionError(.invalidInput, refusal) }
        let cap = settings.maxResultBytes
        return try await settings.run(invocation) { connection, logger in
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: statement, binds: PostgresParameter.bindings(parameters)), logger: logger)
            var results: [JSONValue] = []
            var columns: [String] = []
            var size = 0
            var truncated = false
            for try await row in rows {
                if columns.isEmpty { columns = row.map(\.columnName) }
                let values = JSONValue.array(row.map(\.jsonValue))
                size += values.compactJSON.utf8.count + 1
                if size > cap {
                    truncated = true
                    break
                }
                results.append(values)
            }
            if columns.isEmpty {
                columns = try await Self.columnNames(
                    of: statement, parameters: parameters, on: connection, logger: logger)
            }
            return [
                "query": .string(statement), "truncatedResults": .bool(truncated),
                "results": results.isEmpty ? .null : .array(results), "columns": .array(columns.map(JSONValue.string)),
            ]
        }
    }

    /// The result columns of a query that returned no row: the query joined to a single row, so one row of
    /// nulls comes back with the names.
    private static func columnNames(
        of statement: String, parameters: [JSONValue], on connection: PostgresConnection, logger: Logger
    ) async throws -> [String] {
        let probe = "SELECT q.* FROM (SELECT 1) AS stepwise_one LEFT JOIN (\(statement)) AS q ON true"
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: probe, binds: PostgresParameter.bindings(parameters)),
            logger: logger)
        for try await row in rows { return row.map(\.columnName) }
        return []
    }
}
