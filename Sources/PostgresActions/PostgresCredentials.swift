import NIOSSL
import PostgresNIO
import WorkflowActions

/// A step's PostgreSQL server, from its connection's tokens as the private action runner names them: `host`,
/// `port`, `user`, `password`, `database`, `sslmode` (`require` or `disable`), and optionally `applicationName`
/// and `searchPath`.
struct PostgresCredentials: Sendable {
    /// The tokens every connection needs.
    static let required = ["host", "port", "user", "password", "database", "sslmode"]

    var host: String
    var port: Int
    var user: String
    var password: String
    var database: String
    /// `require`: TLS without verifying the server's certificate (as the runner's driver does); `disable`: plain TCP.
    var requiresTLS: Bool
    var applicationName: String?
    var searchPath: String?

    /// Reads the tokens of `connection`.
    /// - Throws: ``ActionError`` `.invalidInput` with the runner's messages: `missing required connection params:
    ///   [host port]`, `invalid sslmode: 'x', supported modes are 'require' or 'disable'`, and a port that is not
    ///   a number from 1 to 65535.
    init(connection: ResolvedConnection?) throws(ActionError) {
        let tokens = connection?.credentials ?? [:]
        let missing = Self.required.filter { tokens[$0] == nil }
        guard missing.isEmpty else {
            let hint =
                connection == nil
                ? " (the step has no connection: give it a connectionLabel whose runner credential file holds them)"
                : " (connection \"\(connection?.name ?? "")\")"
            throw ActionError(
                .invalidInput, "missing required connection params: [\(missing.joined(separator: " "))]" + hint)
        }
        let sslmode = tokens["sslmode"] ?? ""
        guard sslmode == "require" || sslmode == "disable" else {
            throw ActionError(
                .invalidInput, "invalid sslmode: '\(sslmode)', supported modes are 'require' or 'disable'")
        }
        guard let port = Int(tokens["port"] ?? ""), (1...65_535).contains(port) else {
            throw ActionError(
                .invalidInput, "invalid port: '\(tokens["port"] ?? "")', expected a number from 1 to 65535")
        }
        host = tokens["host"] ?? ""
        self.port = port
        user = tokens["user"] ?? ""
        password = tokens["password"] ?? ""
        database = tokens["database"] ?? ""
        requiresTLS = sslmode == "require"
        applicationName = tokens["applicationName"].flatMap { $0.isEmpty ? nil : $0 }
        searchPath = tokens["searchPath"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The postgres-nio configuration of a connection to this server.
    /// - Throws: ``ActionError`` `.failed` when the TLS context cannot be made.
    func configuration(connectTimeoutSeconds: Int) throws(ActionError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        if requiresTLS {
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            do {
                tls = .require(try NIOSSLContext(configuration: settings))
            } catch {
                throw ActionError(.failed, "cannot set up TLS for PostgreSQL: \(error)")
            }
        } else {
            tls = .disable
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(max(1, min(connectTimeoutSeconds, 30))))
        if let applicationName {
            configuration.options.additionalStartupParameters.append(("application_name", applicationName))
        }
        if let searchPath { configuration.options.additionalStartupParameters.append(("search_path", searchPath)) }
        return configuration
    }
}
