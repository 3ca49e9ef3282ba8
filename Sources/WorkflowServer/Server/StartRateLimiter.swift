import Foundation
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// `rateLimit {count, interval}` of a workflow's trigger (docs/semantics.md#starting-an-instance): at most `count` starts in any sliding
/// window of `interval`; a start over the limit is refused (API: 429; automatic: dropped and logged).
///
/// The window survives a restart: the first time a key is checked, it is seeded with the starts of that
/// trigger the instance store recorded (the latest 100 instances of the workflow are looked at).
actor StartRateLimiter {
    private var starts: [String: [Date]] = [:]

    /// Records a start of `key` at `now` and returns `true`, or returns `false` when the limit is reached.
    /// - Parameter recorded: the starts the store remembers, read once per key.
    func admit(
        _ key: String, limit: RateLimit?, now: Date, recorded: @Sendable () async -> [Date] = { [] }
    ) async -> Bool {
        guard let limit, let count = limit.count, let interval = limit.interval else { return true }
        if starts[key] == nil {
            let earlier = await recorded()
            // Another start of the same key may have been admitted while the store was read.
            starts[key] = (starts[key] ?? []) + earlier
        }
        let window = TimeInterval(interval.seconds)
        var recent = (starts[key] ?? []).filter { now.timeIntervalSince($0) < window }
        guard recent.count < count else {
            starts[key] = recent
            return false
        }
        recent.append(now)
        starts[key] = recent
        return true
    }

    /// The start times of `workflowId`'s instances fired by `trigger`, as the store recorded them.
    static func recordedStarts(
        in store: any InstanceStore, workflowId: String, trigger: TriggerKind
    ) async -> [Date] {
        let page = try? await store.list(InstanceQuery(workflowId: workflowId, pageSize: 100))
        return (page?.instances ?? []).filter { $0.trigger == trigger }.map(\.startedAt)
    }
}
