import WorkflowActions

/// The action ids of the private action runner's PostgreSQL bundle (`com.datadoghq.postgresql`).
public enum PostgreSQLActionID {
    /// `com.datadoghq.postgresql.select`, ``PostgresSelectAction``.
    public static let select = "com.datadoghq.postgresql.select"
    /// `com.datadoghq.postgresql.insert`, ``PostgresInsertAction``.
    public static let insert = "com.datadoghq.postgresql.insert"
    /// `com.datadoghq.postgresql.explain`, ``PostgresExplainAction``.
    public static let explain = "com.datadoghq.postgresql.explain"
    /// `com.datadoghq.postgresql.explainAnalyze`, ``PostgresExplainAction`` with `analyze`.
    public static let explainAnalyze = "com.datadoghq.postgresql.explainAnalyze"
    /// `com.datadoghq.postgresql.cancelQuery`, ``PostgresCancelQueryAction``.
    public static let cancelQuery = "com.datadoghq.postgresql.cancelQuery"
    /// `com.datadoghq.postgresql.testConnection`, ``PostgresTestConnectionAction``.
    public static let testConnection = "com.datadoghq.postgresql.testConnection"

    /// Every id of the bundle.
    public static let all = [select, insert, explain, explainAnalyze, cancelQuery, testConnection]
}

extension ActionRegistry {
    /// Registers the PostgreSQL bundle's six actions, each opening its own connection per attempt with `settings`.
    public mutating func registerPostgreSQL(_ settings: PostgresActionSettings = PostgresActionSettings()) {
        register(PostgreSQLActionID.select, PostgresSelectAction(settings: settings))
        register(PostgreSQLActionID.insert, PostgresInsertAction(settings: settings))
        register(PostgreSQLActionID.explain, PostgresExplainAction(settings: settings))
        register(PostgreSQLActionID.explainAnalyze, PostgresExplainAction(settings: settings, analyze: true))
        register(PostgreSQLActionID.cancelQuery, PostgresCancelQueryAction(settings: settings))
        register(PostgreSQLActionID.testConnection, PostgresTestConnectionAction())
    }
}
