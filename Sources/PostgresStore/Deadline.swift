import Synchronization

/// Gives up on an operation after a time limit, without waiting for it: while the server is down,
/// `PostgresClient` waits for a connection as long as it takes (it keeps reconnecting), and a query on a
/// connection that went silent waits for TCP to notice. The operation goes on in the background and its outcome
/// is dropped.
enum Deadline {
    /// Thrown when the limit passed first.
    struct Exceeded: Error {
        var limit: Duration
    }

    static func run<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T
    {
        let pending = Mutex<CheckedContinuation<T, any Error>?>(nil)
        let finish: @Sendable (Result<T, any Error>) -> Bool = { result in
            guard let continuation = pending.withLock({ $0.take() }) else { return false }
            continuation.resume(with: result)
            return true
        }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            pending.withLock { $0 = continuation }
            let timer = Task {
                try await Task.sleep(for: limit)
                _ = finish(.failure(Exceeded(limit: limit)))
            }
            Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await work())
                } catch {
                    result = .failure(error)
                }
                timer.cancel()
                _ = finish(result)
            }
        }
    }
}
