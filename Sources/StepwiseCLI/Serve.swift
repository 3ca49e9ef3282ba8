import ArgumentParser
import Foundation
import Logging
import WorkflowActions
import WorkflowScript
import WorkflowServer
import WorkflowStore

extension Stepwise {
    /// `stepwise serve`: Datadog's workflow REST API on this machine, with the runtime and the SQLite store.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve Datadog's Workflow Automation REST API on this machine.",
            discussion: """
                Point an official datadog-api-client at http://HOST:PORT (https:// with --tls-cert/--tls-key). \
                With --keys FILE, each request must send a DD-API-KEY and DD-APPLICATION-KEY pair listed in \
                the file, whose scopes (workflows_read, workflows_write, workflows_run) allow the route (403 \
                otherwise); --api-key/--app-key (or DD_API_KEY/DD_APP_KEY) is one key with every scope. \
                Without keys the server only listens on a loopback address; off loopback it also needs TLS, \
                or --insecure-http. Creates, updates, deletes, executes and cancels are recorded in the \
                audit trail (stepwise audit list). SIGHUP reloads the keys file and the certificate. \
                SIGTERM or SIGINT stops it gracefully: running instances are suspended, not cancelled, and \
                the next start resumes them. See docs/api.md and docs/security.md.
                """
        )

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: "The TCP port (0 picks a free one).")
        var port: Int = 8126

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("api-key"), help: "The DD-API-KEY clients must send (default: $DD_API_KEY).")
        var apiKey: String?

        @Option(
            name: .customLong("app-key"), help: "The DD-APPLICATION-KEY clients must send (default: $DD_APP_KEY).")
        var appKey: String?

        @Option(name: .customLong("max-body-size"), help: "The largest request body accepted, in bytes.")
        var maxBodySize: Int = ServerConfiguration.defaultMaxBodySize

        @OptionGroup var connectionLimits: ConnectionLimitOptions

        @OptionGroup var security: SecurityOptions

        @OptionGroup var observability: ObservabilityOptions

        @OptionGroup var role: ServeRoleOptions

        @OptionGroup var auditRetention: AuditRetentionOptions

        func run() async throws {
            let variables = ProcessInfo.processInfo.environment
            // A keys file replaces the single-key shortcut; DD_API_KEY/DD_APP_KEY then play no part.
            let fromFile = security.keysFile != nil
            var configuration = ServerConfiguration(
                host: host, port: port, apiKey: apiKey ?? (fromFile ? nil : variables["DD_API_KEY"]),
                applicationKey: appKey ?? (fromFile ? nil : variables["DD_APP_KEY"]), maxBodySize: max(maxBodySize, 1),
                readTimeout: .seconds(connectionLimits.readTimeout),
                requestTimeout: .seconds(connectionLimits.requestTimeout),
                maxConnections: connectionLimits.maxConnections, keysFile: security.keysFile, tls: security.tls,
                insecureHTTP: security.insecureHTTP)
            configuration.auditRetention = auditRetention.retention
            let database: StoreOptions.Store
            let telemetry: Observability
            do {
                try configuration.check()
                database = try await store.open()
                telemetry = try Observability.start(observability, metrics: true)
            } catch {
                FileHandle.standardError.writeToConsole(Data("stepwise serve: \(error)\n".utf8))
                throw ExitCode(2)
            }
            var logger = Logger(label: "stepwise.serve")
            logger.logLevel = observability.logLevel
            let serverSecurity = try security.load(configuration, logger: logger)
            var registry = ActionRegistry.standard()
            registry.registerDataTransformation(engine: CompositionRoot.javaScript)
            CompositionRoot.registerBundles(in: &registry)
            let environment = ServerEnvironment(
                store: database, registry: registry, configuration: configuration, logger: logger,
                expressionEvaluator: CompositionRoot.javaScript, telemetry: telemetry.telemetry,
                metrics: telemetry.registry.map(MetricsEndpoint.init(registry:)), executes: !role.noExecute)
            let address = (configuration.tls == nil ? "http://" : "https://") + host
            let noExecute = role.noExecute
            try await telemetry.run {
                try await runServer(environment, security: serverSecurity) { port in
                    FileHandle.standardError.writeToConsole(
                        Data("stepwise serve: listening on \(address):\(port)\n".utf8))
                    if noExecute {
                        FileHandle.standardError.writeToConsole(
                            Data("stepwise serve: --no-execute: started instances wait for `stepwise worker`\n".utf8))
                    }
                }
            }
        }
    }
}
