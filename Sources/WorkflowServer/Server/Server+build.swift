import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WorkflowModel
import WorkflowRuntime

/// The routes of Datadog's workflow API (docs/semantics.md#rest-api) plus the local `steps` and `events` extensions, behind
/// the key check when keys are configured.
public func buildRouter(_ environment: ServerEnvironment) -> Router<ServerRequestContext> {
    let router = Router(context: ServerRequestContext.self)
    if let factory = environment.telemetry.metricsFactory {
        router.add(middleware: RequestMetricsMiddleware(factory: factory))
    }
    router.add(middleware: RequestLogMiddleware(logger: environment.logger))
    if environment.configuration.requiresKeys {
        router.add(
            middleware: AuthMiddleware(
                apiKey: environment.configuration.apiKey,
                applicationKey: environment.configuration.applicationKey))
    }
    WorkflowController(environment: environment).addRoutes(to: router)
    InstanceController(environment: environment).addRoutes(to: router)
    RunPageController(environment: environment).addRoutes(to: router)
    TriggerController(environment: environment).addRoutes(to: router)
    environment.metrics?.addRoute(to: router)
    return router
}

/// The application: the HTTP server, the executor and the schedules, run together in one ServiceLifecycle
/// service group.
///
/// On graceful shutdown (SIGTERM/SIGINT with ``Application/runService(gracefulShutdownSignals:)``) the server
/// stops taking requests first, then running instances are suspended (they resume on the next start).
/// - Throws: ``ServerError`` `insecureBind` when no key is configured and the host is not loopback.
public func buildApplication(
    _ environment: ServerEnvironment,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ServerError) -> some ApplicationProtocol {
    let configuration = environment.configuration
    try configuration.check()
    let counter = ConnectionCounter()
    let limit = configuration.maxConnections
    let requestTimeout = configuration.requestTimeout
    return Application(
        router: buildRouter(environment),
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [
                    ConnectionGuard(counter: counter, limit: limit, requestTimeout: requestTimeout)
                ],
                idleTimeout: TimeAmount(configuration.readTimeout))),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "stepwise"
        ),
        services: [
            ExecutorService(
                executor: environment.executor, definitions: environment.definitions, logger: environment.logger),
            ScheduleService(environment: environment, clock: environment.scheduleClock, now: environment.now),
        ],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: environment.logger.quieter(than: .notice)
    )
}

/// Builds the application and runs it until SIGTERM or SIGINT, then shuts down gracefully.
/// - Parameter onServerRunning: called with the bound port once the server listens.
/// - Throws: ``ServerError`` when the configuration is refused; errors of the server (such as a port in use).
public func runServer(
    _ environment: ServerEnvironment,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws {
    let application = try buildApplication(environment, onServerRunning: onServerRunning)
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
