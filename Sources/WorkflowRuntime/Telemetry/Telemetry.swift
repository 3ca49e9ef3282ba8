import CoreMetrics
import Tracing

/// Where the runtime reports what it does: metrics through a swift-metrics factory and spans through a
/// swift-distributed-tracing tracer.
///
/// Both are injected, never read from the process-wide `MetricsSystem` or `InstrumentationSystem`: a run
/// without them pays one `nil` check per turn, and tests give each executor a registry and a tracer of its own.
public struct Telemetry: Sendable {
    /// The factory the runtime's metrics (and the server's request metrics) are made by (`nil`: no metrics).
    public let metricsFactory: (any MetricsFactory)?
    /// The tracer that records a trace per instance and a span per step attempt (`nil`: no spans).
    public let tracer: (any Tracer)?
    /// The runtime's metrics, made by `metricsFactory`.
    let metrics: RuntimeMetrics?
    /// What each plan's instances share (`nil` when off).
    let plans: PlanTelemetryCache?

    /// Telemetry through `metrics` and `tracer`; either may be left out.
    public init(metrics: (any MetricsFactory)? = nil, tracer: (any Tracer)? = nil) {
        self.metricsFactory = metrics
        self.tracer = tracer
        self.metrics = metrics.map(RuntimeMetrics.init(factory:))
        self.plans = metrics == nil && tracer == nil ? nil : PlanTelemetryCache(factory: metrics)
    }

    /// Whether the runs are dry runs (`stepwise run --dry-run`): their instance spans say `stepwise.dry_run`.
    public var dryRun = false

    /// No metrics and no spans.
    public static let off = Telemetry()

    /// Whether neither metrics nor spans are recorded.
    var isOff: Bool { metrics == nil && tracer == nil }
}
