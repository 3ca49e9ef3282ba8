import Synchronization
import WorkflowEngine

/// Hands a runner's starting scheduler to its run by moving it out, so no second reference to the scheduler's
/// per-instance arrays (slots, edge states, outputs) stays behind: the run's first turn updates them in place
/// instead of copying all three.
final class SchedulerHandoff: Sendable {
    private let scheduler: Mutex<Scheduler?>

    init(_ scheduler: consuming Scheduler) {
        self.scheduler = Mutex(scheduler)
    }

    /// Whether the scheduler is still here (no run took it).
    var isAvailable: Bool {
        scheduler.withLock { $0 != nil }
    }

    /// The scheduler, to the first caller only; `nil` afterwards.
    func take() -> Scheduler? {
        scheduler.withLock { $0.take() }
    }
}
