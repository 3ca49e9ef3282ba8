/// The first name of a template path: what part of a run's context it reads.
public enum TemplateRoot: String, Sendable, Hashable, CaseIterable {
    /// The run's inputs (`Trigger.<input>`).
    case trigger = "Trigger"
    /// Outputs of finished steps (`Steps.<step>.<field>`).
    case steps = "Steps"
    /// The event that started the run (a monitor alert, an incident, …).
    case source = "Source"
    /// The workflow's name.
    case workflowName = "WorkflowName"
    /// The workflow's id.
    case workflowId = "WorkflowId"
    /// The instance's id.
    case instanceId = "InstanceId"
    /// Workflow variables set by `core.setVariable(s)`.
    case variables = "Variables"
    /// The current loop iteration (`Current.Value`, `Current.Index`).
    case current = "Current"

    /// The roots as a person reads them in a message: "Trigger, Steps, …, Variables or Current".
    static let list: String = {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }()
}
