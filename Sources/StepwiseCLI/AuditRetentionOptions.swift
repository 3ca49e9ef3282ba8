import ArgumentParser
import WorkflowServer

/// `serve`'s options bounding the audit trail (docs/security.md, "Retention").
struct AuditRetentionOptions: ParsableArguments {
    @Option(
        help: """
            Remove audit entries older than this: a whole number of days, hours, minutes or seconds (90d, 12h, \
            30m, 3600s), or "forever" to keep them whatever their age.
            """)
    var auditRetention = "90d"

    @Option(help: "Keep at most this many audit entries, the most recent (0: no cap).")
    var auditMaxEntries = AuditRetention.defaultMaxEntries

    func validate() throws {
        _ = try Self.age(auditRetention)
        guard auditMaxEntries >= 0 else { throw ValidationError("--audit-max-entries must be 0 or more") }
    }

    /// The policy the options describe (the defaults when they cannot be read; ``validate()`` refused them).
    var retention: AuditRetention {
        AuditRetention(
            maxAge: (try? Self.age(auditRetention)) ?? AuditRetention.defaultMaxAge,
            maxEntries: auditMaxEntries == 0 ? nil : auditMaxEntries)
    }

    /// `90d`, `12h`, `30m`, `3600s` as a duration; `forever` as none.
    static func age(_ text: String) throws(ValidationError) -> Duration? {
        if text == "forever" { return nil }
        let units: [Character: Int64] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0,
            count <= 100 * 365 * 86_400 / unit
        else {
            throw ValidationError(
                "--audit-retention \(text): expected a whole number of days, hours, minutes or seconds up to 100 "
                    + "years (90d, 12h, 30m, 3600s), or \"forever\"")
        }
        return .seconds(count * unit)
    }
}
