import Logging

/// What `stepwise serve` reads to let clients in: the keys (a keys file or the one-key shortcut) and the TLS
/// certificate, both read again by ``reload()`` (on SIGHUP).
public final class ServerSecurity: Sendable {
    /// The keys in force; `nil` when the server asks for none (loopback only).
    public let keys: KeyringSource?
    /// The certificate and key served; `nil` for plain HTTP.
    public let certificates: TLSCertificates?
    let logger: Logger

    /// Reads the keys file and the certificate `configuration` names.
    /// - Throws: ``ServerError`` `invalidKeys` or `invalidTLS` naming the file and what is wrong.
    public init(_ configuration: ServerConfiguration, logger: Logger) throws(ServerError) {
        self.logger = logger
        if let path = configuration.keysFile {
            do {
                keys = try KeyringSource(path: path)
            } catch {
                throw ServerError(.invalidKeys, "\(error)")
            }
        } else if configuration.apiKey != nil || configuration.applicationKey != nil {
            keys = KeyringSource(
                .single(apiKey: configuration.apiKey, applicationKey: configuration.applicationKey))
        } else {
            keys = nil
        }
        if let tls = configuration.tls {
            certificates = try TLSCertificates(certificatePath: tls.certificatePath, keyPath: tls.keyPath)
        } else {
            certificates = nil
        }
        if let path = keys?.path, let count = keys?.keyring.keys.count {
            logger.notice("\(count) key(s) from \(path)")
        }
        if certificates == nil && configuration.insecureHTTP && !configuration.isLoopback {
            logger.warning(
                "serving plain HTTP on \(configuration.host) (--insecure-http): only a proxy in front should reach it")
        }
    }

    /// Reads the keys file and the certificate again. What cannot be read keeps what was in force; each
    /// outcome is logged (file names and counts, never a key).
    public func reload() {
        do {
            if let count = try keys?.reload() {
                logger.notice("reloaded \(count) key(s) from \(keys?.path ?? "")")
            }
        } catch {
            logger.error("keys file not reloaded, the previous keys stay in force: \(error)")
        }
        guard let certificates else { return }
        do {
            let count = try certificates.reload()
            let path = certificates.certificatePath
            logger.notice("reloaded the TLS certificate (\(count) in the chain) from \(path); new connections use it")
        } catch {
            logger.error("TLS certificate not reloaded, the previous one stays in force: \(error)")
        }
    }
}
