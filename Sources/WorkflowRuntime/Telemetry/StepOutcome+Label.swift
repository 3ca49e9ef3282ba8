import WorkflowEngine

extension StepOutcome {
    /// How the action ended, as a log value: `succeeded`, `failed` or `canceled`.
    var label: String {
        switch self {
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .canceled: "canceled"
        }
    }
}
