/// The bounds every evaluation runs within (docs/javascript.md).
public struct JavaScriptLimits: Sendable, Hashable {
    /// How long one evaluation may run (CPU time, checked every ``checkInterval``): past it, the script is
    /// stopped and the step fails. 5 s by default.
    public var timeLimit: Duration
    /// How large one context's JavaScript heap (live objects plus the memory they hold outside it, such as array
    /// buffers) may grow during an evaluation: past it, the script is stopped and the step fails. 256 MiB by
    /// default.
    public var memoryLimit: Int
    /// How often the running script is checked against the limits. 10 ms by default.
    public var checkInterval: Duration
    /// The longest script the data-transformation actions accept, in UTF-8 bytes: 10 KB as on Datadog.
    public var maxScriptBytes: Int
    /// How many `console.log` lines one evaluation keeps (later ones are dropped).
    public var maxLogLines: Int
    /// How many idle contexts the pool keeps for reuse.
    public var maxIdleContexts: Int

    /// Limits; every argument has the default documented on its property.
    public init(
        timeLimit: Duration = .seconds(5), memoryLimit: Int = 256 << 20, checkInterval: Duration = .milliseconds(10),
        maxScriptBytes: Int = 10_240, maxLogLines: Int = 1_000, maxIdleContexts: Int = 8
    ) {
        self.timeLimit = timeLimit
        self.memoryLimit = memoryLimit
        self.checkInterval = checkInterval
        self.maxScriptBytes = maxScriptBytes
        self.maxLogLines = maxLogLines
        self.maxIdleContexts = maxIdleContexts
    }
}

extension Duration {
    /// The duration in seconds, as JavaScriptCore's time limits take it.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
