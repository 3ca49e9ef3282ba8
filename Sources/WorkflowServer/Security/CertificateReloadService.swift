import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads a listener's TLS certificate on each SIGHUP (a metrics listener: `serve` reloads keys and certificate
/// together with ``ReloadService``). A pair that cannot be used is logged and the previous one stays in force.
struct CertificateReloadService: Service {
    let certificates: TLSCertificates
    let hangups: UnixSignalsSequence
    let logger: Logger

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            do {
                let count = try certificates.reload()
                logger.notice(
                    "reloaded the TLS certificate (\(count) in the chain) from \(certificates.certificatePath); new connections use it"
                )
            } catch {
                logger.error("TLS certificate not reloaded, the previous one stays in force: \(error)")
            }
        }
    }
}
