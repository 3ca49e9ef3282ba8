import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals
import WorkflowModel
import WorkflowRuntime

/// The routes of Datadog's workflow API (docs/semantics.md#rest-api) plus the local `steps`, `events` and `audit`
/// extensions, behind the key and scope check when keys are configured (`keys`; docs/security.md).
public func buildRouter(_ environment: ServerEnvironment, keys: KeyringSource?) -> Router<ServerRequestContext> {
    let router = Router(context: ServerRequestContext.self)
    if let factory = environment.telemetry.metricsFactory {
        router.add(middleware: RequestMetricsMiddleware(factory: factory))
    }
    router.add(middleware: RequestLogMiddleware(logger: environment.logger))
    router.add(
        middleware: AccessMiddleware(
            keys: keys, audit: environment.audit, now: environment.now, logger: environment.logger))
    WorkflowController(environment: environment).addRoutes(to: router)
    InstanceController(environment: environment).addRoutes(to: router)
    RunPageController(environment: environment).addRoutes(to: router)
    TriggerController(environment: environment).addRoutes(to: router)
    AuditController(environment: environment).addRoutes(to: router)
    environment.metrics?.addRoute(to: router)
    return router
}

/// The application: the HTTP server, the executor and the schedules, run together in one ServiceLifecycle
/// service group.
///
/// On graceful shutdown (SIGTERM/SIGINT with ``Application/runService(gracefulShutdownSignals:)``) the server
/// stops taking requests first, then running instances are suspended (they resume on the next start). With
/// `hangups`, each SIGHUP reloads the keys file and the TLS certificate (``ServerSecurity/reload()``).
/// - Parameter security: the keys and certificate (read from the configuration when `nil`).
/// - Throws: ``ServerError`` `insecureBind` when no key is configured and the host is not loopback, `plainHTTP`
///   for plain HTTP off loopback, `invalidKeys`/`invalidTLS` when the keys file or certificate cannot be used.
public func buildApplication(
    _ environment: ServerEnvironment,
    security: ServerSecurity? = nil,
    hangups: UnixSignalsSequence? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ServerError) -> some ApplicationProtocol {
    let configuration = environment.configuration
    try configuration.check()
    let resolved: ServerSecurity
    if let security {
        resolved = security
    } else {
        resolved = try ServerSecurity(configuration, logger: environment.logger)
    }
    let counter = ConnectionCounter()
    let limit = configuration.maxConnections
    let requestTimeout = configuration.requestTimeout
    let http1 = HTTPServerBuilder.http1(
        configuration: .init(
            additionalChannelHandlers: [
                ConnectionGuard(counter: counter, limit: limit, requestTimeout: requestTimeout)
            ],
            idleTimeout: TimeAmount(configuration.readTimeout)))
    var server = http1
    if let certificates = resolved.certificates {
        do {
            server = try .tls(http1, tlsConfiguration: certificates.serverConfiguration())
        } catch {
            throw ServerError(.invalidTLS, "the TLS configuration was refused: \(error)")
        }
    }
    var services: [any Service] = [
        ExecutorService(
            executor: environment.executor, definitions: environment.definitions, logger: environment.logger),
        ScheduleService(environment: environment, clock: environment.scheduleClock, now: environment.now),
    ]
    if let hangups { services.append(ReloadService(security: resolved, hangups: hangups)) }
    services.append(
        AuditRetentionService(
            audit: environment.audit, retention: configuration.auditRetention, clock: ContinuousClock(),
            now: environment.now, logger: environment.logger))
    return Application(
        router: buildRouter(environment, keys: resolved.keys),
        server: server,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "stepwise"
        ),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: environment.logger.quieter(than: .notice)
    )
}

/// Builds the application and runs it until SIGTERM or SIGINT, then shuts down gracefully; SIGHUP reloads the
/// keys file and the TLS certificate.
/// - Parameter onServerRunning: called with the bound port once the server listens.
/// - Throws: ``ServerError`` when the configuration is refused; errors of the server (such as a port in use).
public func runServer(
    _ environment: ServerEnvironment,
    security: ServerSecurity? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    // Trapped before the server listens: a SIGHUP from then on reloads, never ends the process.
    let hangups = await UnixSignalsSequence(trapping: .sighup)
    let application = try buildApplication(
        environment, security: security, hangups: hangups, onServerRunning: onServerRunning)
    try await application.runService()
}

extension Logger {
    /// This logger, logging nothing below `level`: Hummingbird's own "listening" line is left out, as
    /// `onServerRunning` says it once.
    fileprivate func quieter(than level: Logger.Level) -> Logger {
        var logger = self
        logger.logLevel = Swift.max(logger.logLevel, level)
        return logger
    }
}
