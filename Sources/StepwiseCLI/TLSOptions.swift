import ArgumentParser
import WorkflowServer

/// `--tls-cert` and `--tls-key`: the PEM files a listener serves HTTPS with, read again on SIGHUP (`serve`, and
/// `worker`'s metrics listener; docs/security.md).
struct TLSOptions: ParsableArguments {
    @Option(
        name: .customLong("tls-cert"),
        help: "A PEM certificate chain to serve HTTPS with (read again on SIGHUP); needs --tls-key.")
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert (read again on SIGHUP).")
    var key: String?

    func validate() throws {
        if (certificate == nil) != (key == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: give both, or neither")
        }
    }

    /// The two files, when given.
    var files: ServerConfiguration.TLSFiles? {
        guard let certificate, let key else { return nil }
        return ServerConfiguration.TLSFiles(certificatePath: certificate, keyPath: key)
    }
}
