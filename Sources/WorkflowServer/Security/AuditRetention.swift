/// How long the audit trail is kept (docs/security.md, "Retention"): entries older than ``maxAge`` and the
/// oldest past ``maxEntries`` are removed at start and then every ``interval``.
public struct AuditRetention: Sendable, Hashable {
    /// Entries older than this are removed (`nil`: kept whatever their age). Default: 90 days.
    public var maxAge: Duration?
    /// At most this many entries are kept, the most recent (`nil`: no cap). Default: 1,000,000.
    public var maxEntries: Int?
    /// How often the trail is pruned. Default: every hour.
    public var interval: Duration

    /// The default age limit: 90 days.
    public static let defaultMaxAge = Duration.seconds(90 * 86_400)
    /// The default cap: 1,000,000 entries.
    public static let defaultMaxEntries = 1_000_000

    /// A retention policy (the defaults unless given).
    public init(
        maxAge: Duration? = AuditRetention.defaultMaxAge, maxEntries: Int? = AuditRetention.defaultMaxEntries,
        interval: Duration = .seconds(3_600)
    ) {
        self.maxAge = maxAge
        self.maxEntries = maxEntries
        self.interval = interval
    }

    /// Whether anything is ever removed.
    public var prunes: Bool { maxAge != nil || maxEntries != nil }
}
