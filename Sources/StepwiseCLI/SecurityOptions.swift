import ArgumentParser
import Foundation
import Logging
import WorkflowServer

/// `serve`'s options for serving safely (docs/security.md): TLS, a keys file with scopes, plain HTTP off
/// loopback.
struct SecurityOptions: ParsableArguments {
    @OptionGroup var tlsFiles: TLSOptions

    @Option(
        name: .customLong("keys"),
        help: "A YAML or JSON file of named keys with their scopes, stored as hashes (read again on SIGHUP).")
    var keysFile: String?

    @Flag(
        name: .customLong("insecure-http"),
        help: "Serve plain HTTP on an address other than loopback (only behind a proxy that terminates TLS).")
    var insecureHTTP = false

    /// Reads the keys file and the certificate `configuration` names.
    /// - Throws: `ExitCode(2)` after saying on stderr which file cannot be used and why.
    func load(_ configuration: ServerConfiguration, logger: Logger) throws -> ServerSecurity {
        do {
            return try ServerSecurity(configuration, logger: logger)
        } catch {
            FileHandle.standardError.writeToConsole(Data("stepwise serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// The two TLS files, when given.
    var tls: ServerConfiguration.TLSFiles? { tlsFiles.files }
}
