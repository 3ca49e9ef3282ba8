import PostgresNIO
import WorkflowStore

/// PostgreSQL's errors as ``StoreError``s. `PSQLError`'s own description hides everything (it may hold
/// secrets); the message here keeps the server's SQLSTATE and message, which hold no password.
enum PostgresFailure {
    /// Whether the server refused a statement (an SQLSTATE), rather than the connection failing or timing out.
    static func isRefusal(_ error: any Error) -> Bool {
        if let error = error as? PostgresTransactionError,
            let inner = error.closureError ?? error.beginError ?? error.commitError
        {
            return isRefusal(inner)
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState] != nil
    }

    static func storeError(_ error: any Error, doing: String, at place: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? Deadline.Exceeded {
            return StoreError(.io, "PostgreSQL at \(place) did not answer within \(error.limit) \(doing)")
        }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError {
                return storeError(inner, doing: doing, at: place)
            }
        }
        guard let error = error as? PSQLError else {
            return StoreError(.io, "PostgreSQL at \(place) failed \(doing): \(error)")
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "no message"
            let text = "PostgreSQL at \(place) refused \(doing): \(message) (SQLSTATE \(state))"
            switch state {
            case "23505": return StoreError(.duplicate, text)
            case "53100": return StoreError(.full, text)
            case "40001", "40P01", "55P03": return StoreError(.busy, text + "; try again")
            default: return StoreError(.io, text)
            }
        }
        var text = "PostgreSQL at \(place) is unreachable or dropped the connection \(doing) (\(error.code))"
        if let underlying = error.underlying { text += ": \(underlying)" }
        return StoreError(.io, text)
    }
}
