import ArgumentParser
import WorkflowServer

/// `serve`'s limits on connections (docs/limits.md): read and request timeouts, and the connection cap.
struct ConnectionLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("read-timeout"),
        help: "Seconds a connection may send nothing (before, between or inside requests) before it is closed.")
    var readTimeout: Int = 30

    @Option(
        name: .customLong("request-timeout"),
        help: "Seconds one request may take to arrive in full (headers and body) before the connection is closed.")
    var requestTimeout: Int = 60

    @Option(name: .customLong("max-connections"), help: "The most connections open at once; more are closed.")
    var maxConnections: Int = ServerConfiguration.defaultMaxConnections
}
