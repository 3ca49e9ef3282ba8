import ArgumentParser
import WorkflowServer

/// Where `worker --metrics-port` listens and how (docs/observability.md, docs/security.md): loopback by default;
/// another address needs TLS (`--tls-cert`/`--tls-key`, read again on SIGHUP) or `--insecure-http`, as `serve`.
struct MetricsListenerOptions: ParsableArguments {
    @Option(help: "The address the metrics listener binds (127.0.0.1 unless given; another needs TLS).")
    var metricsHost = "127.0.0.1"

    @OptionGroup var tlsFiles: TLSOptions

    @Flag(
        name: .customLong("insecure-http"),
        help: "Serve the metrics over plain HTTP on an address other than loopback (only behind a TLS proxy).")
    var insecureHTTP = false

    /// The two TLS files, when given.
    var tls: ServerConfiguration.TLSFiles? { tlsFiles.files }
}
