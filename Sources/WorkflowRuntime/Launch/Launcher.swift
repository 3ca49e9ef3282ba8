import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// How a run starts — the one place for it. Every start path describes its start as a ``Launch``; the launcher
/// checks it in this order and starts the instance on its executor:
///
/// 1. the trigger: the one asked for must be in the spec (``trigger(_:in:)``);
/// 2. published: when the start requires it (API and automatic starts);
/// 3. the inputs: the payload against the input schema, defaults filled in (``inputs(_:for:)``);
/// 4. the actions: every step's action must be available here (``checkActions(of:in:)``);
/// 5. admission: the caller's rate limit, once everything else passed;
/// 6. the plan: compiled once per stored workflow version (the executor's plan cache);
/// 7. the start: the instance is created in the store and queued on the executor.
///
/// ```swift
/// let started = try await executor.launcher.launch(Launch(.stored(stored), trigger: .kind(.api), payload: body))
/// ```
public struct Launcher: Sendable {
    let executor: WorkflowExecutor

    /// Checks `launch` and starts its instance.
    /// - Throws: ``LaunchError``, whose code says which check refused the start.
    @discardableResult
    public func launch(_ launch: Launch) async throws(LaunchError) -> LaunchedInstance {
        let spec = launch.spec
        let trigger = try Self.trigger(launch.trigger, in: spec)
        if launch.requiresPublished, case .stored(let stored) = launch.workflow, !stored.workflow.published {
            throw LaunchError(.notPublished, "workflow \(stored.workflow.id) is not published")
        }
        let inputs = try Self.inputs(launch.payload, for: spec)
        if case .stored = launch.workflow {
            try Self.checkActions(of: spec, in: executor.registry)
        }
        if let admission = launch.admission, !(await admission(trigger)) {
            var error = LaunchError(.rateLimited, "rate limit of the \(trigger.kind.rawValue) reached")
            error.trigger = trigger
            throw error
        }
        let plan: ExecutionPlan
        let version: Int?
        switch launch.workflow {
        case .stored(let stored):
            do {
                plan = try executor.plans.plan(for: stored)
            } catch {
                throw LaunchError(.invalidSpec, "\(error)")
            }
            version = stored.version
        case .compiled(let compiled, let pinned):
            plan = compiled
            version = pinned
        }
        var request = StartRequest(
            plan: plan, trigger: trigger.kind, sourceKind: launch.sourceKind ?? trigger.kind.sourceKind,
            source: launch.source, inputs: inputs, instanceId: launch.instanceId, workflowVersion: version,
            parent: launch.parent)
        request.traceHeaders = launch.traceHeaders
        do {
            let id = try await executor.start(request)
            return LaunchedInstance(instanceId: id, plan: plan, trigger: trigger.kind)
        } catch {
            throw LaunchError(Self.code(of: error), error.message)
        }
    }

    /// The trigger `choice` names in `spec`.
    /// - Throws: ``LaunchError`` `noTrigger` (with the kinds the spec has) or `ambiguousTrigger`.
    public static func trigger(_ choice: Launch.TriggerChoice, in spec: WorkflowSpec) throws(LaunchError) -> Trigger {
        let triggers = spec.triggers ?? []
        func refused(_ code: LaunchError.Code, _ message: String) -> LaunchError {
            var error = LaunchError(code, message)
            error.triggers = triggers.map(\.kind)
            return error
        }
        let wanted: TriggerKind?
        switch choice {
        case .kind(let kind):
            wanted = kind
        case .named(let name):
            wanted = TriggerKind(rawValue: name) ?? TriggerKind(rawValue: name + "Trigger")
            guard wanted != nil else { throw refused(.noTrigger, "the workflow has no \(name) trigger") }
        case .preferred:
            if triggers.contains(where: { $0.kind == .workflow }) {
                wanted = .workflow
            } else if triggers.contains(where: { $0.kind == .api }) {
                wanted = .api
            } else if triggers.count == 1 {
                wanted = triggers.first?.kind
            } else {
                throw refused(.ambiguousTrigger, "the workflow has several triggers and none was chosen")
            }
        }
        guard let wanted, let trigger = triggers.first(where: { $0.kind == wanted }) else {
            throw refused(.noTrigger, "the workflow has no \(wanted?.rawValue ?? "such trigger")")
        }
        return trigger
    }

    /// `payload` checked against `spec`'s input schema, with the schema's defaults filled in.
    /// - Throws: ``LaunchError`` `invalidInputs`, listing each problem.
    public static func inputs(
        _ payload: [String: JSONValue], for spec: WorkflowSpec
    ) throws(LaunchError) -> [String: JSONValue] {
        do {
            return try (spec.inputSchema ?? InputSchema()).resolve(payload)
        } catch {
            var refused = LaunchError(.invalidInputs, "\(error)")
            refused.inputProblems = error.problems
            throw refused
        }
    }

    /// Refuses a spec with a step whose action `registry` does not have (loop control flow aside).
    /// - Throws: ``LaunchError`` `unavailableAction`, listing each such step.
    public static func checkActions(of spec: WorkflowSpec, in registry: ActionRegistry) throws(LaunchError) {
        let unknown = registry.unknownActions(in: spec)
        guard !unknown.isEmpty else { return }
        var error = LaunchError(
            .unavailableAction,
            unknown.map { "step \"\($0.step)\" uses action \"\($0.actionId)\", which is not available here" }
                .joined(separator: "; "))
        error.unavailable = unknown.map { LaunchError.UnavailableAction(step: $0.step, actionId: $0.actionId) }
        throw error
    }

    private static func code(of error: RuntimeError) -> LaunchError.Code {
        switch error.code {
        case .unknownAction: .unavailableAction
        case .connection: .connection
        case .duplicate: .duplicate
        default: .store
        }
    }
}

extension WorkflowExecutor {
    /// The launcher that starts instances on this executor (sharing its plan cache).
    public nonisolated var launcher: Launcher { Launcher(executor: self) }
}
