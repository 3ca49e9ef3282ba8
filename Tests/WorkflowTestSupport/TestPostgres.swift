import Foundation

/// The PostgreSQL server the PostgreSQL store's tests use: `STEPWISE_TEST_POSTGRES_URL` (scripts/postgres-dev
/// prints one). Without it those tests are skipped, and say so; with `STEPWISE_REQUIRE_POSTGRES=1` (CI) a missing
/// or unreachable server fails the run instead.
public enum TestPostgres {
    /// The server's URL, or `nil` when the variable is unset or empty.
    public static let url: String? = {
        guard let url = ProcessInfo.processInfo.environment["STEPWISE_TEST_POSTGRES_URL"], !url.isEmpty else {
            return nil
        }
        return url
    }()

    /// Whether the PostgreSQL tests run.
    public static var isConfigured: Bool { url != nil }

    /// Whether a missing or unreachable server is a failure (`STEPWISE_REQUIRE_POSTGRES=1`).
    public static let isRequired = ProcessInfo.processInfo.environment["STEPWISE_REQUIRE_POSTGRES"] == "1"

    /// What the skipped tests say.
    public static let skipReason = "STEPWISE_TEST_POSTGRES_URL not set (scripts/postgres-dev start prints one)"

    /// The server's URL with `?schema=NAME` for a new schema of its own, named after `prefix`.
    public static func url(schemaPrefix prefix: String) -> (url: String, schema: String)? {
        guard let url else { return nil }
        let schema = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return (url + (url.contains("?") ? "&" : "?") + "schema=" + schema, schema)
    }
}
