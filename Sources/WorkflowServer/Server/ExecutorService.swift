import Logging
import ServiceLifecycle
import WorkflowRuntime

/// Runs the executor as a ServiceLifecycle service: instances run until graceful shutdown; then no new instance
/// starts, the running ones are cancelled (they end `CANCELED`, with their steps, in the store), and the service
/// returns once they ended.
struct ExecutorService: Service {
    let executor: WorkflowExecutor
    let logger: Logger

    func run() async throws {
        async let running: Void = executor.run()
        try? await gracefulShutdown()
        let cancelled = await executor.cancelAll()
        if cancelled > 0 { logger.info("shutting down: cancelled \(cancelled) running instance(s)") }
        await executor.shutdown()
        await running
    }
}
