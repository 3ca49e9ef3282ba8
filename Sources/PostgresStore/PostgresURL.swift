import Foundation
import WorkflowStore

/// Where a ``PostgresStore`` connects: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=MODE]`
/// (`postgresql://` too).
///
/// The password is never part of ``redacted``, which is what messages show.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP (the default; right on loopback and trusted networks).
        case disable
        /// TLS with the server's certificate verified against the system's roots.
        case require
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The PostgreSQL schema holding Stepwise's tables (`nil`: the user's default `search_path`, normally
    /// `public`). Created when missing.
    public var schema: String?
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    /// - Throws: ``StoreError`` `io` naming what is wrong (the password left out).
    public init(_ text: String) throws(StoreError) {
        let shown = Self.redact(text)
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw StoreError(.io, "not a PostgreSQL URL: \(shown) (expected postgres://USER@HOST:PORT/DATABASE)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError(.io, "the PostgreSQL URL \(shown) names no host")
        }
        let database = String(components.percentEncodedPath.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError(.io, "the PostgreSQL URL \(shown) names no database (…/DATABASE at its end)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else {
            throw StoreError(.io, "the PostgreSQL URL \(shown) has port \(port), outside 1…65535")
        }
        self.host = host
        self.port = port
        self.database = database.removingPercentEncoding ?? database
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        password = components.password
        schema = nil
        tls = .disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let value = item.value, Self.isPlainName(value) else {
                    throw StoreError(
                        .io, "the schema in \(shown) must be letters, digits and underscores, starting with a letter")
                }
                schema = value
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw StoreError(.io, "sslmode in \(shown) must be disable or require")
                }
                tls = mode
            default:
                throw StoreError(.io, "unknown parameter \(item.name) in \(shown) (known: schema, sslmode)")
            }
        }
    }

    /// The URL without its password.
    public var redacted: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        var parameters: [String] = []
        if let schema { parameters.append("schema=\(schema)") }
        if tls != .disable { parameters.append("sslmode=\(tls.rawValue)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    public var description: String { redacted }

    /// `text` with any password between `user:` and `@` replaced by `***`, for messages about a URL that does
    /// not parse.
    public static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"),
            let at = text[scheme.upperBound...].firstIndex(of: "@")
        else { return text }
        let userInfo = text[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }

    /// A name safe to put in SQL unquoted.
    static func isPlainName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else {
            return false
        }
        return text.count <= 63
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
            }
    }
}
