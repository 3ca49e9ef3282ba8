import ServiceLifecycle
import UnixSignals

/// Reloads the keys file and the TLS certificate on each SIGHUP, until the server shuts down.
struct ReloadService: Service {
    let security: ServerSecurity
    /// SIGHUP, trapped before the server starts listening, so a signal sent once the server listens is never
    /// lost (nor does it end the process, as SIGHUP does by default).
    let hangups: UnixSignalsSequence

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            security.reload()
        }
    }
}
