import Foundation
import WorkflowModel

/// `rateLimit {count, interval}` of a workflow's `apiTrigger` (SEMANTICS §2): at most `count` API starts in any
/// sliding window of `interval`; a start over the limit is refused (429).
actor StartRateLimiter {
    private var starts: [String: [Date]] = [:]

    /// Records a start of `workflowId` at `now` and returns `true`, or returns `false` when the limit is reached.
    func admit(_ workflowId: String, limit: RateLimit?, now: Date) -> Bool {
        guard let limit, let count = limit.count, let interval = limit.interval else { return true }
        let window = TimeInterval(interval.seconds)
        var recent = (starts[workflowId] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < count else {
            starts[workflowId] = recent
            return false
        }
        recent.append(now)
        starts[workflowId] = recent
        return true
    }
}
