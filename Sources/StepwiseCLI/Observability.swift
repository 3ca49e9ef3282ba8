import ArgumentParser
import CoreMetrics
import Foundation
import Logging
import OTel
import Prometheus
import ServiceLifecycle
import Tracing
import WorkflowRuntime
import WorkflowServer

/// One command's logs, metrics and traces (docs/observability.md): the process's logging set up from
/// ``ObservabilityOptions``; a Prometheus registry when the command exposes metrics; an OTLP/HTTP tracer when
/// `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set.
///
/// The composition root: the process-wide `LoggingSystem` and `MetricsSystem` are bootstrapped here, once, and
/// the registry and tracer are also handed to the executor and the server explicitly (``telemetry``).
struct Observability: Sendable {
    /// The registry `/metrics` writes (`nil`: the command exposes no metrics).
    let registry: PrometheusCollectorRegistry?
    /// What the executor and the server record into.
    let telemetry: Telemetry
    /// The span exporter's services (`nil`: tracing is off).
    private let exporter: ServiceGroup?

    /// Whether the environment asks for traces.
    static func tracingRequested(_ environment: [String: String]) -> Bool {
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].contains {
            !(environment[$0] ?? "").isEmpty
        } && environment["OTEL_TRACES_EXPORTER"] != "none" && environment["OTEL_SDK_DISABLED"] != "true"
    }

    /// Sets up logging (once per process) and, when asked, metrics and tracing.
    /// - Throws: ``ObservabilityError`` when the OpenTelemetry settings in the environment are refused.
    static func start(_ options: ObservabilityOptions, metrics: Bool) throws(ObservabilityError) -> Observability {
        let environment = ProcessInfo.processInfo.environment
        let tracing = tracingRequested(environment)
        // Only the OTLP/HTTP exporter is built in; the library traps on a request for gRPC, so refuse it here.
        for name in ["OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]
        where tracing && environment[name]?.lowercased() == "grpc" {
            throw ObservabilityError(.tracing, "\(name)=grpc: only OTLP/HTTP (http/protobuf, http/json) is built in")
        }
        // Inside a span, log lines get its trace_id and span_id.
        LoggingSystem.bootstrap(
            { label, provider in Self.handler(label: label, options: options, metadataProvider: provider) },
            metadataProvider: tracing ? OTel.makeLoggingMetadataProvider() : nil)
        var tracer: (any Tracer)?
        var exporter: ServiceGroup?
        if tracing {
            var configuration = OTel.Configuration.default
            configuration.serviceName = "stepwise"
            configuration.logs.enabled = false
            configuration.metrics.enabled = false
            configuration.diagnosticLogger = .custom(quiet("stepwise.otel"))
            configuration.diagnosticLogLevel = .warning
            // A command waits for its last export at exit: an unreachable collector costs this much, not 10 s.
            configuration.traces.otlpExporter.timeout = .seconds(3)
            do {
                // OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_* and the batch settings override these.
                let backend = try OTel.makeTracingBackend(configuration: configuration)
                tracer = backend.factory
                exporter = ServiceGroup(
                    configuration: .init(
                        services: [backend.service], gracefulShutdownSignals: [], logger: quiet("stepwise.otel")))
            } catch {
                throw ObservabilityError(.tracing, "OpenTelemetry: \(error)")
            }
        }
        var registry: PrometheusCollectorRegistry?
        var factory: PrometheusMetricsFactory?
        if metrics {
            let made = PrometheusCollectorRegistry()
            let madeFactory = MetricsEndpoint.factory(made)
            MetricsSystem.bootstrap(madeFactory)
            registry = made
            factory = madeFactory
        }
        return Observability(
            registry: registry, telemetry: Telemetry(metrics: factory, tracer: tracer), exporter: exporter)
    }

    /// ``start(_:metrics:)`` for the command `command`: a refusal is printed (`stepwise COMMAND: …`) and ends the
    /// process with exit status 2.
    static func start(_ options: ObservabilityOptions, metrics: Bool, for command: String) throws -> Observability {
        do {
            return try start(options, metrics: metrics)
        } catch {
            FileHandle.standardError.writeToConsole(Data("stepwise \(command): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// A logger for the exporter's and listener's service groups: their start and stop lines are no news.
    private static func quiet(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = max(logger.logLevel, .warning)
        return logger
    }

    /// The log handler `options` ask for, on stderr.
    private static func handler(
        label: String, options: ObservabilityOptions, metadataProvider: Logger.MetadataProvider?
    ) -> any LogHandler {
        switch options.logFormat {
        case .json:
            return JSONLogHandler(label: label, logLevel: options.logLevel, metadataProvider: metadataProvider)
        case .text:
            var handler = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
            handler.logLevel = options.logLevel
            return handler
        }
    }

    /// The `/metrics` listener on `port` as `options` say (`nil` without a port or without metrics).
    /// - Throws: `ExitCode(2)` after saying on stderr (`stepwise COMMAND: …`) why the listener is refused.
    func metricsListener(
        port: Int?, options: MetricsListenerOptions? = nil, for command: String
    ) throws -> MetricsListener? {
        guard let port, let registry else { return nil }
        do {
            return try MetricsListener(
                endpoint: MetricsEndpoint(registry: registry), host: options?.metricsHost ?? "127.0.0.1", port: port,
                tls: options?.tls, insecureHTTP: options?.insecureHTTP ?? false)
        } catch {
            FileHandle.standardError.writeToConsole(Data("stepwise \(command): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Runs `body` with the span exporter (and the `/metrics` `listener`, when given) beside it; once `body`
    /// returns, the exporter sends the spans it still holds.
    func run<T: Sendable>(
        metrics listener: MetricsListener? = nil, _ body: () async throws -> T
    ) async throws -> T {
        var services: [any Service] = []
        if let exporter { services.append(exporter) }
        if let listener {
            services += try await listener.services(
                logger: Logger(label: "stepwise.metrics"),
                onRunning: { port in
                    FileHandle.standardError.writeToConsole(
                        Data("stepwise: metrics on \(listener.scheme)://\(listener.host):\(port)/metrics\n".utf8))
                })
        }
        guard !services.isEmpty else { return try await body() }
        let group = ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: [], logger: Self.quiet("stepwise.observability")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let result = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
