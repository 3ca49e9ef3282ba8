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
                Point an official datadog-api-client at http://HOST:PORT. With --api-key/--app-key (or \
                DD_API_KEY/DD_APP_KEY) every request must send DD-API-KEY and DD-APPLICATION-KEY (403 \
                otherwise); without keys the server only listens on a loopback address. SIGTERM or SIGINT \
                stops it gracefully: running instances are suspended, not cancelled, and the next start \
                resumes them. See docs/api.md.
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

        func run() async throws {
            let variables = ProcessInfo.processInfo.environment
            let configuration = ServerConfiguration(
                host: host, port: port, apiKey: apiKey ?? variables["DD_API_KEY"],
                applicationKey: appKey ?? variables["DD_APP_KEY"], maxBodySize: max(maxBodySize, 1),
                readTimeout: .seconds(connectionLimits.readTimeout),
                requestTimeout: .seconds(connectionLimits.requestTimeout),
                maxConnections: connectionLimits.maxConnections)
            let database: StoreOptions.Store
            do {
                try configuration.check()
                database = try await store.open()
            } catch {
                FileHandle.standardError.write(Data("stepwise serve: \(error)\n".utf8))
                throw ExitCode(2)
            }
            var logger = Logger(label: "stepwise.serve")
            logger.logLevel = .info
            var registry = ActionRegistry.standard()
            registry.registerDataTransformation(engine: CompositionRoot.javaScript)
            let environment = ServerEnvironment(
                store: database, registry: registry, configuration: configuration, logger: logger,
                expressionEvaluator: CompositionRoot.javaScript)
            let host = self.host
            try await runServer(environment) { port in
                FileHandle.standardError.write(Data("stepwise serve: listening on http://\(host):\(port)\n".utf8))
            }
        }
    }
}
