import PostgresNIO
import WorkflowActions
import WorkflowModel

/// `com.datadoghq.postgresql.cancelQuery`: cancels the running query of backend `pid` in database
/// `databaseName` that started at `queryStart` (as `pg_stat_activity.query_start` shows it), through
/// `pg_cancel_backend`. Outputs `{cancelled}`: true when exactly that query was active and was signalled.
public struct PostgresCancelQueryAction: Action {
    private let settings: PostgresActionSettings

    /// The runner's statement; the four values are bound parameters.
    static let statement =
        "SELECT pg_cancel_backend($1) FROM pg_stat_activity WHERE state = 'active' AND pid = $2 AND datname = $3 "
        + "AND query_start = $4"

    /// - Parameter settings: the clock and logger.
    public init(settings: PostgresActionSettings = PostgresActionSettings()) { self.settings = settings }

    /// Signals the backend.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type or missing connection tokens;
    ///   `.failed` with the server's message (a `queryStart` that is no timestamp); `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let pid = String(try invocation.runnerInteger("pid", in: Int(Int32.min)...Int(Int32.max)) ?? 0)
        let values: [JSONValue] = [
            .string(pid), .string(pid), .string(try invocation.runnerString("databaseName")),
            .string(try invocation.runnerString("queryStart")),
        ]
        return try await settings.run(invocation) { connection, logger in
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: Self.statement, binds: PostgresParameter.bindings(values)), logger: logger)
            var answers: [JSONValue] = []
            for try await row in rows { answers.append(contentsOf: row.map(\.jsonValue)) }
            return ["cancelled": .bool(answers == [.bool(true)])]
        }
    }
}
