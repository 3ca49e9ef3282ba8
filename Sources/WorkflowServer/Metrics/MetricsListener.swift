import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `GET /metrics` on a listener of its own (`run --metrics-port`, `worker --metrics-port`): on loopback by
/// default; on another address only over TLS (`--tls-cert`/`--tls-key`, read again on SIGHUP) or when told
/// `--insecure-http`, as `serve` (docs/security.md).
public struct MetricsListener: Sendable {
    public let endpoint: MetricsEndpoint
    public let host: String
    public let port: Int
    /// The certificate served; `nil` for plain HTTP.
    public let certificates: TLSCertificates?

    /// Checks the address and reads the certificate.
    /// - Throws: ``ServerError`` `plainHTTP` for plain HTTP off loopback without `insecureHTTP`, `invalidPort`,
    ///   `invalidTLS` naming the file that cannot be used.
    public init(
        endpoint: MetricsEndpoint, host: String = "127.0.0.1", port: Int, tls: ServerConfiguration.TLSFiles? = nil,
        insecureHTTP: Bool = false
    ) throws(ServerError) {
        let configuration = ServerConfiguration(host: host, port: port, tls: tls, insecureHTTP: insecureHTTP)
        if tls == nil && !insecureHTTP && !configuration.isLoopback {
            throw ServerError(
                .plainHTTP,
                "refusing to serve metrics over plain HTTP on \(host): give --tls-cert and --tls-key, or "
                    + "--insecure-http when a proxy in front terminates TLS")
        }
        guard (0...65_535).contains(port) else {
            throw ServerError(.invalidPort, "port \(port) is not between 0 and 65535")
        }
        self.endpoint = endpoint
        self.host = host
        self.port = port
        self.certificates = try tls.map { files throws(ServerError) in
            try TLSCertificates(certificatePath: files.certificatePath, keyPath: files.keyPath)
        }
    }

    /// `http` or `https`.
    public var scheme: String { certificates == nil ? "http" : "https" }

    /// The listener, and with TLS the service reloading its certificate on each SIGHUP (trapped here, before
    /// the listener starts, so a SIGHUP never ends the process). `onRunning` learns the port bound.
    public func services(
        logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws(ServerError) -> [any Service] {
        let router = Router()
        endpoint.addRoute(to: router)
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        var server = HTTPServerBuilder.http1()
        var services: [any Service] = []
        if let certificates {
            do {
                server = try .tls(server, tlsConfiguration: certificates.serverConfiguration())
            } catch {
                throw ServerError(.invalidTLS, "the TLS configuration was refused: \(error)")
            }
            let hangups = await UnixSignalsSequence(trapping: .sighup)
            services.append(CertificateReloadService(certificates: certificates, hangups: hangups, logger: logger))
        }
        services.insert(
            Application(
                router: router, server: server,
                configuration: .init(address: .hostname(host, port: port), serverName: "stepwise"),
                onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: quiet),
            at: 0)
        return services
    }
}
