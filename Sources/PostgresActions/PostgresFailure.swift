import PostgresNIO
import WorkflowActions

/// How a PostgreSQL failure reads in a step error: the server's own message, as the runner reports it once its
/// driver's `pq: ` prefix is cut (`relation "orders" does not exist`), else what went wrong with the connection.
enum PostgresFailure {
    /// `error` as an ``ActionError`` `.failed`.
    static func actionError(_ error: any Error, host: String, port: Int) -> ActionError {
        guard let error = error as? PSQLError else {
            return ActionError(.failed, "PostgreSQL at \(host):\(port): \(error)")
        }
        if let message = error.serverInfo?[.message] {
            return ActionError(.failed, message)
        }
        switch error.code {
        case .connectionError:
            let cause = error.underlying.map { "\($0)" } ?? "no answer"
            return ActionError(.failed, "cannot connect to PostgreSQL at \(host):\(port): \(cause)")
        case .sslUnsupported:
            return ActionError(
                .failed, "the PostgreSQL server at \(host):\(port) does not accept TLS, which sslmode require asks for")
        case .serverClosedConnection, .clientClosedConnection:
            return ActionError(.failed, "the connection to PostgreSQL at \(host):\(port) was closed")
        default:
            return ActionError(.failed, "PostgreSQL at \(host):\(port): \(error.code)")
        }
    }
}
