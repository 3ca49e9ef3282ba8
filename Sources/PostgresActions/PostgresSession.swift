import Logging
import PostgresNIO
import Synchronization
import WorkflowActions

/// One attempt's connection to the step's server, as the runner opens one per task: connected, used by `body`,
/// closed. The task time limit (``TaskTimeout``) covers connecting and the queries; when it ends, or the run is
/// cancelled, the connection is closed under the running query, which then fails at once.
enum PostgresSession {
    private static let nextID = Atomic<Int>(0)

    /// Runs `body` on a new connection to `credentials`' server.
    /// - Throws: ``ActionError``: `.timedOut` with the runner's `task execution exceeded global timeout of N
    ///   seconds`, `.canceled`, `.failed` with the server's message (``PostgresFailure``), or what `body` throws.
    static func run<Output: Sendable>(
        _ credentials: PostgresCredentials, timeout: TaskTimeout, settings: PostgresActionSettings,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Output
    ) async throws(ActionError) -> Output {
        let configuration = try credentials.configuration(connectTimeoutSeconds: timeout.seconds)
        let holder = ConnectionHolder()
        let logger = settings.logger
        let clock = settings.clock
        let outcome: Result<Output, any Error> = await withTaskCancellationHandler {
            await withTaskGroup(of: Result<Output, any Error>?.self) { group in
                group.addTask {
                    do {
                        let id = nextID.add(1, ordering: .relaxed).newValue
                        let connection = try await PostgresConnection.connect(
                            configuration: configuration, id: id, logger: logger)
                        guard holder.keep(connection) else { throw CancellationError() }
                        let output = try await body(connection, logger)
                        holder.close()
                        return .success(output)
                    } catch {
                        holder.close()
                        return .failure(error)
                    }
                }
                group.addTask {
                    do {
                        try await clock.sleep(for: .seconds(timeout.seconds))
                    } catch {
                        return nil
                    }
                    return .failure(ActionError(.timedOut, timeout.message))
                }
                var first: Result<Output, any Error> = .failure(CancellationError())
                for await result in group {
                    guard let result else { continue }
                    first = result
                    break
                }
                holder.close()
                group.cancelAll()
                return first
            }
        } onCancel: {
            holder.close()
        }
        switch outcome {
        case .success(let output): return output
        case .failure(let error as ActionError): throw error
        case .failure(let error):
            if Task.isCancelled { throw ActionError(.canceled, "canceled while talking to PostgreSQL") }
            throw PostgresFailure.actionError(error, host: credentials.host, port: credentials.port)
        }
    }
}

/// The connection of a session, so a time limit or a cancellation can close it from outside the query.
private final class ConnectionHolder: Sendable {
    private let state = Mutex<(connection: PostgresConnection?, closed: Bool)>((nil, false))

    /// Keeps `connection`; `false` (and closes it) when the session was closed before it connected.
    func keep(_ connection: PostgresConnection) -> Bool {
        let kept = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.connection = connection
            return true
        }
        if !kept { Task { try? await connection.close() } }
        return kept
    }

    /// Closes the connection (once); later ``keep(_:)`` calls close theirs at once.
    func close() {
        let connection = state.withLock { state -> PostgresConnection? in
            state.closed = true
            defer { state.connection = nil }
            return state.connection
        }
        if let connection { Task { try? await connection.close() } }
    }
}
