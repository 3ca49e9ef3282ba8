import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension WorkflowExecutor {
    /// Waits for child instance `childId` and maps its end to the step's outcome: its outputs when it succeeded,
    /// a failure naming the child instance and its error otherwise. Cancelling the parent (or its step) cancels
    /// the child; suspending the parent (a graceful shutdown) leaves it to be carried on. After `call.timeout`
    /// the child is cancelled and the step fails with `TIMED_OUT`. The child may run in another process (a
    /// worker took it over): then its end is read from the store, and a cancel is a request in the store.
    nonisolated func waitForChild(
        _ childId: String, call: ChildWorkflowCall, workflowName: String
    ) async throws(ActionError) -> ActionResult {
        let child = signal(for: childId)
        let parent = signal(for: call.invocation.instanceId)
        let timedOut = await withTaskCancellationHandler {
            await waitOrTimeOut(childId, timeout: call.timeout, signal: child)
        } onCancel: {
            if parent?.isSuspended != true { child?.cancel() }
        }
        if Task.isCancelled {
            if parent?.isSuspended != true, child == nil { try? await store.requestCancel(instance: childId) }
            throw ActionError(.canceled, "the parent was cancelled")
        }
        let summary: InstanceSummary?
        do {
            summary = try await store.instance(id: childId)
        } catch {
            throw ActionError(.failed, "could not read child instance \(childId): \(error)")
        }
        let described = "child workflow \"\(workflowName)\" (instance \(childId))"
        guard let summary else { throw ActionError(.failed, "\(described) is gone from the store") }
        if timedOut {
            throw ActionError(
                .timedOut, "\(described) did not finish within \(call.timeout.map { "\($0)" } ?? "the timeout")")
        }
        switch summary.status {
        case .succeeded:
            return ActionResult(outputs: [
                "instanceId": .string(childId), "workflowId": .string(call.workflowId),
                "workflowOutputs": summary.outputs,
            ])
        case .canceled:
            throw ActionError(.failed, "\(described) was canceled")
        case .inProgress:
            throw ActionError(.canceled, "\(described) was suspended")
        case .stepError, .instanceError:
            let error = summary.error
            let step = error?.step.map { " at step \"\($0)\"" } ?? ""
            throw ActionError(
                .failed,
                "\(described) failed\(step): \(error?.message ?? summary.status.rawValue)"
                    + (error.map { " (\($0.code))" } ?? ""))
        }
    }

    /// Waits for the instance to end; returns `true` when `timeout` passed first (the child is then cancelled
    /// and waited for).
    private nonisolated func waitOrTimeOut(
        _ id: String, timeout: Duration?, signal: CancellationSignal?
    ) async -> Bool {
        guard let timeout else {
            await waitAnywhere(for: id)
            return false
        }
        let clock = self.clock
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.waitAnywhere(for: id)
                return false
            }
            group.addTask {
                do {
                    try await clock.sleep(for: timeout)
                    return true
                } catch {
                    return false
                }
            }
            let first = await group.next() ?? false
            if first {
                if let signal { signal.cancel() } else { try? await store.requestCancel(instance: id) }
            }
            group.cancelAll()
            return first
        }
    }

    /// Returns once instance `id` ended, wherever it runs (or when the task is cancelled): here, its runner's
    /// end; elsewhere, the store says so (looked at every ``childPollInterval``). An unfinished instance no live
    /// process runs any more is carried on here.
    nonisolated func waitAnywhere(for id: String) async {
        while !Task.isCancelled {
            if running.contains(id), let status = await running.wait(for: id), status != .inProgress { return }
            do {
                // Gone or ended: done; a store that fails this once is asked again after the pause.
                guard let summary = try await store.instance(id: id), summary.status == .inProgress else { return }
                await adoptIfOrphaned(id)
                if running.contains(id) { continue }
            } catch {
                logger.warning("could not read child instance \(id); trying again", metadata: ["error": "\(error)"])
            }
            do {
                try await Task.sleep(for: Self.childPollInterval)
            } catch {
                return
            }
        }
    }

    /// How often a step waiting for a child instance another process runs looks at the store.
    static let childPollInterval: Duration = .milliseconds(250)
}
