/// The status of an instance, as `instanceStatus.detailsKind` in Datadog's API.
public enum InstanceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case inProgress = "IN_PROGRESS"
    case succeeded = "SUCCEEDED"
    /// A step failed without an error handler.
    case stepError = "STEP_ERROR"
    /// The engine could not run the instance (bad input at run time, a bad output, a crash it cannot recover).
    case instanceError = "INSTANCE_ERROR"
    case canceled = "CANCELED"

    /// `instanceStatus.displayName`.
    public var displayName: String {
        switch self {
        case .inProgress: return "Running"
        case .succeeded: return "Succeeded"
        case .stepError, .instanceError: return "Failed"
        case .canceled: return "Canceled"
        }
    }

    /// Whether the instance has ended.
    public var isFinished: Bool { self != .inProgress }
}

/// The state of one step, as `stepStateAssociations[].stepState`.
public enum StepState: String, Sendable, Hashable, Codable, CaseIterable {
    case inProgress = "IN_PROGRESS"
    /// Waiting on a completion gate or a retry back-off.
    case waiting = "WAITING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case canceled = "CANCELED"
    case skipped = "SKIPPED"
}
