/// How a worker claims instances (`stepwise worker`, ``WorkflowExecutor/claimWork(definitions:options:onClaim:)``).
public struct ClaimOptions: Sendable {
    /// How often to look for instances no live process owns.
    public var pollInterval: Duration
    /// The most instances held at once (child workflows this process starts for its own instances aside).
    public var concurrency: Int
    /// The clock the poll sleeps on.
    public var clock: any Clock<Duration>

    /// - Parameters:
    ///   - pollInterval: 500 ms unless given.
    ///   - concurrency: 64 unless given; at least 1 is used.
    public init(
        pollInterval: Duration = .milliseconds(500), concurrency: Int = 64,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.pollInterval = pollInterval
        self.concurrency = max(1, concurrency)
        self.clock = clock
    }
}

/// One instance a worker claimed.
public struct ClaimedInstance: Sendable, Hashable {
    /// The instance.
    public var instanceId: String
    /// The lease's epoch after the claim.
    public var epoch: Int
    /// Whether the claim took the instance over from an owner that died holding it (its lease expired, or its
    /// process on this machine is gone), rather than a new or released instance.
    public var isTakeover: Bool
}
