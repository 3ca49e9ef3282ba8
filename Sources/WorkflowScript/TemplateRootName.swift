import WorkflowModel

/// The names scripts see the template roots by.
enum TemplateRootName {
    /// `Trigger`, `Steps`, `Source`, `WorkflowName`, `WorkflowId`, `InstanceId`, `Variables`, `Current`.
    static let all: [String] = TemplateRoot.allCases.map(\.rawValue)
}
