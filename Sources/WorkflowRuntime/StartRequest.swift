import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Everything needed to start one instance.
public struct StartRequest: Sendable {
    /// The compiled workflow version the instance pins.
    public var plan: ExecutionPlan
    /// The trigger that fired.
    public var trigger: TriggerKind
    /// How the run was started: `manual` (CLI), `api`, `schedule`, …
    public var sourceKind: String
    /// The trigger event (`Source` in templates).
    public var source: JSONValue
    /// Inputs, already checked against the input schema and with defaults applied.
    public var inputs: [String: JSONValue]
    /// The new instance's id (lowercase UUID v4 by default).
    public var instanceId: String
    /// The stored spec version the instance pins, when the workflow is stored.
    public var workflowVersion: Int?
    /// The instance and step that started this one (child workflows).
    public var parent: ParentInstance?
    /// The caller's trace context (`traceparent`, `tracestate`): the instance's span continues that trace.
    public var traceHeaders: [String: String] = [:]

    public init(
        plan: ExecutionPlan,
        trigger: TriggerKind,
        sourceKind: String = "manual",
        source: JSONValue = .emptyObject,
        inputs: [String: JSONValue] = [:],
        instanceId: String = UUID().uuidString.lowercased(),
        workflowVersion: Int? = nil,
        parent: ParentInstance? = nil
    ) {
        self.plan = plan
        self.trigger = trigger
        self.sourceKind = sourceKind
        self.source = source
        self.inputs = inputs
        self.instanceId = instanceId
        self.workflowVersion = workflowVersion
        self.parent = parent
    }
}
