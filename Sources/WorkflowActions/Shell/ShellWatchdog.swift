import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Ends a command's process group when its time limit passes: SIGTERM at the limit, SIGKILL `grace` later.
///
/// It runs on a Dispatch timer, not on a task: Swift's cooperative pool has one thread per core, and on a busy
/// machine a task's sleep may resume seconds late — a command must time out at its limit whatever else runs.
final class ShellWatchdog {
    /// Set once the command's streams ended.
    private final class Stopped: Sendable {
        let flag = Atomic(false)
        var isSet: Bool { flag.load(ordering: .acquiring) }
    }

    private let timer: any DispatchSourceTimer
    private let stopped = Stopped()

    /// Starts the watchdog; `expired` runs (once, on a Dispatch thread) when the limit passes first.
    init(group: ProcessGroup, timeout: Duration, grace: Duration, expired: @escaping @Sendable () -> Void) {
        timer = DispatchSource.makeTimerSource(queue: Self.queue)
        let stopped = self.stopped
        timer.setEventHandler {
            guard !stopped.isSet else { return }
            expired()
            group.send(SIGTERM)
            Self.queue.asyncAfter(deadline: .now() + Self.interval(grace)) {
                if !stopped.isSet { group.send(SIGKILL) }
            }
        }
        timer.schedule(deadline: .now() + Self.interval(timeout))
        timer.resume()
    }

    /// The watchdogs' own serial queue. Unlike `DispatchQueue.global()`, whose width on Linux is the number of cores
    /// and which blocking work elsewhere can fill, a queue of its own gets a thread when it has work.
    static let queue = DispatchQueue(label: "stepwise.shell-watchdog")

    /// Stops the watchdog once the command's streams ended (nothing is signalled after this).
    func stop() {
        stopped.flag.store(true, ordering: .releasing)
        timer.cancel()
    }

    /// `duration` as Dispatch's interval, in whole milliseconds, at most a year (a limit is at most days).
    static func interval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let bounded = min(max(seconds, 0), 31_536_000)
        return .milliseconds(Int(bounded) * 1000 + Int(max(attoseconds, 0) / 1_000_000_000_000_000))
    }
}
