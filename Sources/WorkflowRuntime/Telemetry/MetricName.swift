/// The names of the metrics Stepwise records, in Prometheus's conventions (`_total` for counters, `_seconds` for
/// durations). Labels are bounded: workflow ids, action ids, statuses, outcomes, route patterns, never instance
/// ids. `docs/observability.md` lists each with its labels and meaning.
public enum MetricName {
    /// Counter, labels `workflow_id`: instances started (not counting resumed ones).
    public static let instancesStarted = "stepwise_instances_started_total"
    /// Counter, labels `workflow_id`, `status`: instances that ended, by final status.
    public static let instancesFinished = "stepwise_instances_finished_total"
    /// Gauge: instances this process runs right now.
    public static let instancesRunning = "stepwise_instances_running"
    /// Counter, labels `action_id`, `outcome`: steps that ended (`succeeded`, `failed`, `recovered`, `skipped`,
    /// `canceled`).
    public static let stepsFinished = "stepwise_steps_finished_total"
    /// Histogram, labels `action_id`: how long each step attempt took, from its dispatch to its result.
    public static let stepDuration = "stepwise_step_duration_seconds"
    /// Counter, labels `action_id`: attempts that failed and are retried by an error handler.
    public static let stepRetries = "stepwise_step_retries_total"
    /// Counter, labels `action_id`: waits because a completion gate's condition was not met yet.
    public static let completionGateWaits = "stepwise_completion_gate_waits_total"
    /// Gauge: scheduler timers (error-handler retry and completion-gate waits) pending in this process.
    public static let timersPending = "stepwise_timers_pending"
    /// Histogram: how long one journal append (a scheduler turn's group commit) took in the store.
    public static let storeCommitDuration = "stepwise_store_commit_seconds"
    /// Histogram: how many journal entries one append carried.
    public static let storeCommitEntries = "stepwise_store_commit_entries"
    /// Counter, labels `route`, `method`, `status`: API requests served (`route` is the route pattern, or
    /// `unmatched`).
    public static let apiRequests = "stepwise_api_requests_total"
    /// Histogram, labels `route`, `method`: how long the server took to answer.
    public static let apiRequestDuration = "stepwise_api_request_duration_seconds"

    /// Bucket bounds for ``storeCommitEntries`` (entries per append).
    public static let entryBuckets: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000]
    /// Bucket bounds for the duration histograms, from a tenth of a millisecond to a minute.
    public static let durationBuckets: [Duration] = [
        .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]
}
