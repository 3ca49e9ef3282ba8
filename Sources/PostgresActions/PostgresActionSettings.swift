import Logging

/// What the PostgreSQL actions share: the clock their task time limit runs on, the result cap and the logger
/// postgres-nio writes to.
public struct PostgresActionSettings: Sendable {
    /// The runner's cap on a `select`'s results: 15 MiB.
    public static let runnerResultCap = 15 * 1024 * 1024

    /// The clock of the task time limit (``TaskTimeout``).
    public var clock: any Clock<Duration>
    /// Rows past this many bytes of JSON are left out and `truncatedResults` is true.
    public var maxResultBytes: Int
    /// The task time limit when the step gives no `timeout` input, in seconds.
    public var defaultTimeoutSeconds: Int
    /// Where postgres-nio logs (its connection events are at debug level and below).
    public var logger: Logger

    /// - Parameters:
    ///   - clock: `ContinuousClock` unless given.
    ///   - maxResultBytes: the runner's 15 MiB unless given.
    ///   - defaultTimeoutSeconds: the runner's 60 s unless given.
    public init(
        clock: any Clock<Duration> = ContinuousClock(), maxResultBytes: Int = runnerResultCap,
        defaultTimeoutSeconds: Int = 60, logger: Logger = Logger(label: "stepwise.postgresql")
    ) {
        self.clock = clock
        self.maxResultBytes = max(0, maxResultBytes)
        self.defaultTimeoutSeconds = max(1, defaultTimeoutSeconds)
        self.logger = logger
    }
}
