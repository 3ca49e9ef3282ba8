import WorkflowActions
import WorkflowModel

/// What every PostgreSQL action needs.
private let needs =
    "PostgreSQL bundle; a connection with tokens host, port, user, password, database, sslmode (require|disable)"

extension PostgresSelectAction: DescribedAction {
    public var outputShape: JSONValue { ["query": "", "truncatedResults": false, "results": [], "columns": []] }
    public var requirements: String { needs }
}

extension PostgresInsertAction: DescribedAction {
    public var outputShape: JSONValue { ["commandTag": ""] }
    public var requirements: String { needs }
}

extension PostgresExplainAction: DescribedAction {
    public var outputShape: JSONValue { ["output": ""] }
    public var requirements: String { needs }
}

extension PostgresCancelQueryAction: DescribedAction {
    public var outputShape: JSONValue { ["cancelled": false] }
    public var requirements: String { needs }
}

extension PostgresTestConnectionAction: DescribedAction {
    public var outputShape: JSONValue { ["tokens": .emptyObject] }
    public var requirements: String { "PostgreSQL bundle; a connection (its tokens are shown, the password hidden)" }
}
