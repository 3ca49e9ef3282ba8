import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A script's process group (the script runs as the leader of its own session, so the group id is its pid).
public struct ProcessGroup: Sendable, Hashable {
    /// The group id: the pid of its leader.
    public let id: pid_t

    /// The group `id`.
    public init(id: pid_t) {
        self.id = id
    }

    /// When the process `id` started, in clock ticks since boot (field 22 of `/proc/<pid>/stat`); `nil` when the
    /// process is gone or the platform has no `/proc`. A pid reused by another process has another start time.
    public static func startTime(of id: pid_t) -> UInt64? {
        #if os(Linux)
        guard id > 0, let stat = try? String(contentsOfFile: "/proc/\(id)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "(comm)" come fields 3 (state) onwards: the start time (field 22) is the 20th of them.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count >= 20 else { return nil }
        return UInt64(fields[19])
        #else
        return nil
        #endif
    }

    /// Ends the group recorded as led by a process that started at `startTime` (see ``startTime(of:)``), if it is
    /// still alive: SIGTERM, then SIGKILL after `grace`. Nothing is signalled when the group's leader is gone or
    /// is another process than the one recorded (its pid was reused), or when `startTime` is 0 (unknown).
    /// - Returns: whether the group was signalled.
    @discardableResult
    public func terminate(ifStartedAt startTime: UInt64, grace: Duration) async -> Bool {
        guard startTime != 0, Self.startTime(of: id) == startTime, exists else { return false }
        await terminate(grace: grace)
        return true
    }

    /// Sends `signal` to every process in the group; false when the group is gone.
    @discardableResult
    public func send(_ signal: Int32) -> Bool {
        guard id > 1 else { return false }
        return kill(-id, signal) == 0
    }

    /// Whether any process of the group is still alive. Zombies do not count: an orphan is reaped by
    /// init, which may take its time (some container inits never do), and a zombie holds nothing.
    public var exists: Bool {
        guard id > 1 else { return false }
        guard kill(-id, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
        return hasLiveMember()
        #else
        return true
        #endif
    }

    #if os(Linux)
    /// Scans `/proc` for a process of this group that is not a zombie.
    private func hasLiveMember() -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return true }
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "(comm)": state ppid pgrp …
            let fields = stat[stat.index(after: close)...].split(separator: " ", maxSplits: 4)
            guard fields.count >= 3, Int32(fields[2]) == id else { continue }
            if fields[0] != "Z" { return true }
        }
        return false
    }
    #endif

    /// Terminates what is left of the group: SIGTERM, then SIGKILL if anything is still there after `grace`.
    /// Runs to the end even when the calling task is cancelled.
    public func terminate(grace: Duration) async {
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
