import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// What to start: a workflow, the trigger that fires, the payload, and where the start comes from. Every start
/// path (`stepwise run`, `stepwise bench`, `POST …/instances`, schedules, webhooks, replays, child workflows)
/// describes its start with one of these and hands it to ``Launcher/launch(_:)``.
public struct Launch: Sendable {
    /// The workflow to start.
    public enum Workflow: Sendable {
        /// A stored workflow at its current version: compiled once per version by the launcher's plan cache.
        case stored(StoredWorkflow)
        /// A plan compiled by the caller (benchmarks, tests), pinning `version` when the workflow is stored.
        /// Its actions are checked when the instance starts (``LaunchError/Code/unavailableAction``).
        case compiled(ExecutionPlan, version: Int?)
    }

    /// Which of the spec's triggers fires.
    public enum TriggerChoice: Sendable {
        /// This kind, which the spec must have.
        case kind(TriggerKind)
        /// The kind a person named (`monitor` or `monitorTrigger`), which the spec must have.
        case named(String)
        /// `workflowTrigger`, else `apiTrigger`, else the only trigger (manual runs).
        case preferred
    }

    /// The workflow to start.
    public var workflow: Workflow
    /// Which trigger fires.
    public var trigger: TriggerChoice
    /// The inputs as given, checked against the input schema, defaults filled in (`Trigger` in templates).
    public var payload: [String: JSONValue]
    /// The trigger event (`Source` in templates).
    public var source: JSONValue
    /// How the run was started; `nil`: the fired trigger's kind (`api`, `schedule`, `workflow`, …).
    public var sourceKind: String?
    /// The new instance's id.
    public var instanceId: String
    /// The instance and step that started this one (child workflows).
    public var parent: ParentInstance?
    /// Whether only a published workflow may start (API and automatic starts).
    public var requiresPublished: Bool
    /// Asked once every other check passed, just before the instance is created: `false` refuses the start
    /// with ``LaunchError/Code/rateLimited`` (the server's per-trigger `rateLimit`).
    public var admission: (@Sendable (Trigger) async -> Bool)?
    /// The caller's trace context (`traceparent`, `tracestate`): the instance's span continues that trace (an
    /// API request's headers, a parent step's span).
    public var traceHeaders: [String: String] = [:]

    /// A launch of `workflow` from `trigger`.
    public init(
        _ workflow: Workflow,
        trigger: TriggerChoice,
        payload: [String: JSONValue] = [:],
        source: JSONValue = .emptyObject,
        sourceKind: String? = nil,
        instanceId: String = UUID().uuidString.lowercased(),
        parent: ParentInstance? = nil,
        requiresPublished: Bool = false,
        admission: (@Sendable (Trigger) async -> Bool)? = nil
    ) {
        self.workflow = workflow
        self.trigger = trigger
        self.payload = payload
        self.source = source
        self.sourceKind = sourceKind
        self.instanceId = instanceId
        self.parent = parent
        self.requiresPublished = requiresPublished
        self.admission = admission
    }

    /// The spec being started.
    var spec: WorkflowSpec {
        switch workflow {
        case .stored(let stored): stored.workflow.spec
        case .compiled(let plan, _): plan.spec
        }
    }
}

/// An instance the launcher started.
public struct LaunchedInstance: Sendable {
    /// The new instance's id.
    public var instanceId: String
    /// The compiled workflow version it pins.
    public var plan: ExecutionPlan
    /// The trigger that fired.
    public var trigger: TriggerKind
}
