import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

extension WorkflowExecutor {
    /// Runs one attempt of a child workflow step: starts the child (or finds the one this attempt started
    /// before a crash), then, for the waiting form, waits for it and maps its end to the step's outcome.
    func runChild(_ call: ChildWorkflowCall) async throws(ActionError) -> ActionResult {
        let childId = call.childInstanceId
        let existing: InstanceSummary?
        do {
            existing = try await store.instance(id: childId)
        } catch {
            throw ActionError(.failed, "could not read child instance \(childId): \(error)")
        }
        let workflowName: String
        if let existing {
            workflowName = try await adopt(existing)
        } else if let name = try await startChild(call, id: childId) {
            workflowName = name
        } else {
            // Another process running this parent (one that took it over while this one was stalled) started the
            // child a moment ago: it is this attempt's child all the same.
            guard let started = try? await store.instance(id: childId) else {
                throw ActionError(.failed, "child instance \(childId) was started elsewhere and cannot be read")
            }
            workflowName = try await adopt(started)
        }
        guard call.waits else {
            return ActionResult(outputs: ["instanceId": .string(childId), "workflowId": .string(call.workflowId)])
        }
        return try await waitForChild(childId, call: call, workflowName: workflowName)
    }

    /// Starts the child instance `id` of `call`, after every check. Returns the child workflow's name (`nil`: an
    /// instance with that id exists already).
    private func startChild(_ call: ChildWorkflowCall, id: String) async throws(ActionError) -> String? {
        let stored = try await childWorkflow(call.workflowId)
        let name = stored.workflow.name
        let parent: InstanceSummary?
        do {
            parent = try await store.instance(id: call.invocation.instanceId)
        } catch {
            throw ActionError(.failed, "could not read the parent instance: \(error)")
        }
        let chain = (parent?.parent?.chain ?? []) + [call.parentWorkflowName]
        guard chain.count <= maxChildDepth else {
            throw ActionError(
                .failed,
                "child workflows nest at most \(maxChildDepth) deep; stopped starting \"\(name)\" from the chain "
                    + (chain + [name]).map { "\"\($0)\"" }.joined(separator: " -> ")
                    + " (does a workflow start itself?)")
        }
        let source: JSONValue = [
            "type": "workflow",
            "parentInstanceId": .string(call.invocation.instanceId),
            "parentWorkflowId": .string(call.invocation.workflowId),
            "parentStepName": .string(call.invocation.stepName),
        ]
        var launch = Launch(
            .stored(stored), trigger: .kind(.workflow), payload: call.inputs, source: source, instanceId: id,
            parent: ParentInstance(
                instanceId: call.invocation.instanceId, workflowId: call.invocation.workflowId,
                stepName: call.invocation.stepName, chain: chain))
        // The child's trace is a child of the step's span.
        launch.traceHeaders = call.invocation.traceHeaders
        do {
            try await launcher.launch(launch)
        } catch  where error.code == .noTrigger {
            throw ActionError(
                .failed,
                "workflow \"\(name)\" (\(call.workflowId)) has no workflowTrigger: a child workflow starts at its "
                    + "workflowTrigger's start steps")
        } catch  where error.code == .invalidInputs {
            throw ActionError(.invalidInput, "inputs of child workflow \"\(name)\" (\(call.workflowId)): \(error)")
        } catch  where error.code == .invalidSpec {
            throw ActionError(.failed, "child workflow \"\(name)\" (\(call.workflowId)) cannot run: \(error)")
        } catch  where error.code == .duplicate {
            return nil
        } catch {
            throw ActionError(.failed, "could not start child workflow \"\(name)\" (\(call.workflowId)): \(error)")
        }
        return name
    }

    /// The stored workflow a step names.
    private func childWorkflow(_ id: String) async throws(ActionError) -> StoredWorkflow {
        guard let definitions else {
            throw ActionError(
                .unsupported, "child workflows need stored workflows, and this executor has no definition store")
        }
        let stored: StoredWorkflow?
        do {
            stored = try await definitions.workflow(id: id)
        } catch {
            throw ActionError(.failed, "could not read workflow \(id): \(error)")
        }
        guard let stored else {
            throw ActionError(
                .invalidInput,
                "no stored workflow has id \"\(id)\" (store the child first: POST /api/v2/workflows, or "
                    + "stepwise workflows create FILE)")
        }
        return stored
    }

    /// A child this step attempt started before (its parent was carried on after a crash or a restart): it is
    /// not started again; when it is unfinished and no runner has it here, it is carried on from its journal.
    /// Returns the child workflow's name.
    private func adopt(_ child: InstanceSummary) async throws(ActionError) -> String {
        let name: String
        do {
            name = try await definitions?.workflow(id: child.workflowId)?.workflow.name ?? child.workflowId
        } catch {
            throw ActionError(.failed, "could not read workflow \(child.workflowId): \(error)")
        }
        guard child.status == .inProgress, !running.contains(child.id) else { return name }
        guard let version = child.workflowVersion,
            let pinned = try? await definitions?.version(version, of: child.workflowId)
        else {
            throw ActionError(
                .failed, "child instance \(child.id) is unfinished and the workflow version it pinned is gone")
        }
        let plan: ExecutionPlan
        do {
            plan = try plans.plan(spec: pinned.spec, workflowId: child.workflowId, name: name, version: version)
        } catch {
            throw ActionError(.failed, "child workflow \"\(name)\" (\(child.workflowId)) cannot run: \(error)")
        }
        do {
            try await resume(child, plan: plan)
        } catch  where error.code == .owned {
            // Another live process runs it (a worker took it over): the step waits for it through the store.
        } catch {
            throw ActionError(.failed, "could not carry on child instance \(child.id): \(error)")
        }
        return name
    }

    /// Carries on unfinished child `id` here when no live process runs it (its owner died since), unless this
    /// executor is draining or shutting down; errors are left to the next look.
    func adoptIfOrphaned(_ id: String) async {
        guard !stopped.isSet, !drainRequested.isSet, !running.contains(id),
            let child = try? await store.instance(id: id), child.status == .inProgress
        else { return }
        _ = try? await adopt(child)
    }
}
