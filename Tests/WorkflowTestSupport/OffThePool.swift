import Foundation

extension TestSupport {
    /// Runs blocking `body` (waiting for a child process, reading a pipe to its end) on a new thread and returns
    /// its result. Blocking one of the cooperative pool's threads instead (two on a 2-core machine) stalls every
    /// other test's timers while it waits: the shell time-limit tests then saw their watchdog fire 30 s late.
    public static func offThePool<T>(_ body: @escaping () throws -> T) async throws -> T {
        let call = BlockingCall(body)
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try call.body() }) }.start()
        }
    }
}

/// A blocking call handed to another thread. The caller stays suspended until that thread has finished with it,
/// so the closure and what it captures are never used from two threads at once.
private final class BlockingCall<T>: @unchecked Sendable {
    let body: () throws -> T
    init(_ body: @escaping () throws -> T) { self.body = body }
}
