#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A script's process group (the script runs as the leader of its own session, so the group id is its pid).
struct ProcessGroup: Sendable {
    let id: pid_t

    /// Sends `signal` to every process in the group; false when the group is gone.
    @discardableResult
    func send(_ signal: Int32) -> Bool {
        guard id > 1 else { return false }
        return kill(-id, signal) == 0
    }

    /// Whether any process of the group is still alive (a zombie counts until it is reaped).
    var exists: Bool {
        guard id > 1 else { return false }
        return kill(-id, 0) == 0 || errno == EPERM
    }

    /// Terminates what is left of the group: SIGTERM, then SIGKILL if anything is still there after `grace`.
    /// Runs to the end even when the calling task is cancelled.
    func terminate(grace: Duration) async {
        guard send(SIGTERM) else { return }
        await Task.detached {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: grace)
            while exists, clock.now < deadline {
                try? await Task.sleep(for: .milliseconds(10))
            }
            send(SIGKILL)
        }.value
    }
}
