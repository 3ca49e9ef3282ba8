/// Where a step is in its lifecycle inside the scheduler (see the table in ARCHITECTURE.md).
public enum StepPhase: UInt8, Sendable, Hashable {
    /// Not reachable from the fired trigger's start steps: dead from the start, never listed.
    case unreachable
    /// Waiting for its inbound edges to settle.
    case pending
    /// Its inbound edges allow it to run; queued for dispatch.
    case ready
    /// Its action is running.
    case running
    /// Waiting on a timer: a completion-gate interval or an error-handler back-off.
    case waiting
    case succeeded
    /// Failed for good (after every retry); with an error handler the fallback edge was taken.
    case failed
    /// Every inbound edge was dead.
    case skipped
    case canceled

    /// Whether the step has settled and will not change again.
    public var isSettled: Bool {
        switch self {
        case .succeeded, .failed, .skipped, .canceled, .unreachable: return true
        case .pending, .ready, .running, .waiting: return false
        }
    }

    /// Whether the step has started (and so appears in the instance).
    public var hasStarted: Bool {
        switch self {
        case .running, .waiting, .succeeded, .failed, .canceled: return true
        case .unreachable, .pending, .ready, .skipped: return false
        }
    }

    /// The API state of a step that is listed.
    public var state: StepState? {
        switch self {
        case .running: return .inProgress
        case .waiting: return .waiting
        case .succeeded: return .succeeded
        case .failed: return .failed
        case .skipped: return .skipped
        case .canceled: return .canceled
        case .unreachable, .pending, .ready: return nil
        }
    }
}
