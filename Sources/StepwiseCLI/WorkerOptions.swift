import ArgumentParser
import Foundation
import WorkflowRuntime

/// `worker`'s settings (docs/workers.md): how many instances it holds, how often it looks for work, how long a
/// graceful shutdown waits, and its leases.
struct WorkerOptions: ParsableArguments {
    @Option(help: "The most instances this worker holds at once.")
    var concurrency: Int = 64

    @Option(name: .customLong("poll-interval"), help: "Seconds between looks for instances to claim.")
    var pollInterval: Double = 0.5

    @Option(
        name: .customLong("drain-timeout"),
        help: "Seconds a SIGTERM/SIGINT waits for running steps before the rest is handed back.")
    var drainTimeout: Double = 30

    @Option(
        name: .customLong("lease-duration"),
        help: "Seconds a claim lasts without renewal: how long others wait before taking over a dead worker's work.")
    var leaseDuration: Double = 15

    @Option(help: "Seconds between lease renewals (well under --lease-duration).")
    var heartbeat: Double = 5

    @Option(
        name: .customLong("park-after"),
        help:
            "Seconds: an instance whose steps only wait on timers due at least this far off leaves memory until then (0: never)."
    )
    var parkAfter: Double = 30

    @Option(
        name: .customLong("max-resume-attempts"),
        help: "Takeovers of an instance from dead owners allowed before it is quarantined.")
    var maxResumeAttempts: Int = 3

    func validate() throws {
        try Self.check(pollInterval, "--poll-interval")
        try Self.check(drainTimeout, "--drain-timeout", allowsZero: true)
        try Self.check(parkAfter, "--park-after", allowsZero: true)
        try Self.check(leaseDuration, "--lease-duration")
        try Self.check(heartbeat, "--heartbeat")
        guard heartbeat < leaseDuration else {
            throw ValidationError(
                "--heartbeat (\(heartbeat) s) must be shorter than --lease-duration (\(leaseDuration) s)")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1, not \(concurrency)") }
        guard maxResumeAttempts >= 0 else {
            throw ValidationError("--max-resume-attempts must be 0 or more, not \(maxResumeAttempts)")
        }
    }

    /// Seconds within (0, one year], or 0 too when `allowsZero`.
    private static func check(_ seconds: Double, _ flag: String, allowsZero: Bool = false) throws {
        guard seconds.isFinite, seconds <= 31_536_000, allowsZero ? seconds >= 0 : seconds > 0 else {
            throw ValidationError(
                "\(flag) must be a number of seconds \(allowsZero ? "from 0" : "above 0") up to one year, not \(seconds)"
            )
        }
    }

    /// `seconds` (checked by ``validate()``) as a duration.
    static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1_000).rounded())) }

    /// Leases and quarantine of the worker's executor.
    var ownership: OwnershipOptions {
        OwnershipOptions(
            leaseDuration: Self.duration(leaseDuration), heartbeat: Self.duration(heartbeat),
            maxResumeAttempts: maxResumeAttempts)
    }

    /// How far off a timer must be for its instance to be parked (`nil`: never).
    var parking: Duration? { parkAfter > 0 ? Self.duration(parkAfter) : nil }

    /// How the worker claims.
    var claims: ClaimOptions {
        ClaimOptions(pollInterval: Self.duration(pollInterval), concurrency: concurrency)
    }
}
