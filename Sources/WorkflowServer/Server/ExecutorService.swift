import Logging
import ServiceLifecycle
import WorkflowEngine
import WorkflowRuntime
import WorkflowStore

/// Runs the executor as a ServiceLifecycle service.
///
/// On start, instances left unfinished by an earlier process (a crash, a kill, a graceful shutdown) are resumed
/// from their journals. On graceful shutdown no new instance starts and running ones are suspended, not
/// cancelled: everything they decided is already in the journal, so the next start carries them on (steps that
/// were running run again: at-least-once).
struct ExecutorService: Service {
    let executor: WorkflowExecutor
    let definitions: any DefinitionStore
    let logger: Logger

    func run() async throws {
        async let running: Void = executor.run()
        let (resumed, failed) = await executor.resumeUnfinished(definitions: definitions)
        if !resumed.isEmpty { logger.info("resumed \(resumed.count) unfinished instance(s)") }
        for failure in failed {
            logger.error(
                "could not resume an instance", metadata: ["instance": "\(failure.id)", "reason": "\(failure.reason)"])
        }
        try? await gracefulShutdown()
        let suspended = await executor.suspendAll()
        if suspended > 0 {
            logger.info(
                "shutting down: \(suspended) running instance(s) stay in the journal and resume on the next start")
        }
        await executor.shutdown()
        await running
    }
}
