import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowRuntime
import WorkflowStore

/// What the routes work with: the stores, the executor that runs instances, and the configuration.
public struct ServerEnvironment: Sendable {
    /// Workflow definitions and their spec versions.
    public let definitions: any DefinitionStore
    /// Instances and their journals.
    public let instances: any InstanceStore
    /// The store itself when one store holds both the definitions and the instances and reads an instance with
    /// its workflow at once: `GET …/instances/{id}` then makes one store read.
    let combinedReads: (any InstanceWithWorkflowReading)?
    /// Runs instances (its ``WorkflowExecutor/run()`` is driven by the application's service group).
    public let executor: WorkflowExecutor
    /// The actions instances may use (checked before an instance starts): the registry given, plus child
    /// workflows (`triggerWorkflow`, which start the workflows in `definitions`).
    public let registry: ActionRegistry
    /// Listening and auth settings.
    public let configuration: ServerConfiguration
    /// The server's logger.
    public let logger: Logger
    /// Hands each committed journal turn to the clients of `…/instances/{id}/stream`.
    public let streams: JournalBroadcaster
    /// The audit trail of changes made through the API (the store's own when it keeps one, else in memory).
    public let audit: any AuditLog
    let rateLimiter = StartRateLimiter()
    let scheduleWakeup = ScheduleWakeup()
    /// The spec versions instances pin, as `GET …/instances/{id}` shows them.
    let specVersions = SpecVersionCache()
    let now: @Sendable () -> Date
    /// The clock schedules sleep on (a manual clock in tests; `now` must move with it).
    let scheduleClock: any Clock<Duration>
    /// Where instances' and requests' metrics and spans go.
    public let telemetry: Telemetry
    /// `GET /metrics`, when the server exposes its metrics.
    public let metrics: MetricsEndpoint?

    /// An environment over one store holding both definitions and instances (SQLite). Schedules wake on
    /// `scheduleClock` and read the time from `now`; `${ … }` templates run on `expressionEvaluator`. The audit
    /// trail goes to `audit`, else to the store when it is an ``AuditLog``, else to memory. Metrics and spans go
    /// to `telemetry`; `metrics` adds `GET /metrics`. With `executes` false, started instances are only created in
    /// the store for `stepwise worker`s to run.
    public init(
        store: some DefinitionStore & InstanceStore, registry: ActionRegistry, configuration: ServerConfiguration,
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        scheduleClock: any Clock<Duration> = ContinuousClock(), expressionEvaluator: (any ExpressionEvaluator)? = nil,
        audit: (any AuditLog)? = nil, telemetry: Telemetry = .off, metrics: MetricsEndpoint? = nil,
        executes: Bool = true
    ) {
        self.init(
            definitions: store, instances: store, registry: registry, configuration: configuration, logger: logger,
            now: now, scheduleClock: scheduleClock, expressionEvaluator: expressionEvaluator,
            audit: audit ?? (store as? any AuditLog), telemetry: telemetry, metrics: metrics, executes: executes)
    }

    /// An environment over separate stores. Schedules wake on `scheduleClock` and read the time from `now`;
    /// `${ … }` templates run on `expressionEvaluator`. The audit trail goes to `audit`, else to `instances`
    /// when it is an ``AuditLog``, else to memory. Metrics and spans go to `telemetry`; `metrics` adds
    /// `GET /metrics`. With `executes` false, started instances are only created in the store (unowned) for
    /// `stepwise worker`s to claim, and nothing is resumed here.
    public init(
        definitions: any DefinitionStore, instances: any InstanceStore, registry: ActionRegistry,
        configuration: ServerConfiguration, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        scheduleClock: any Clock<Duration> = ContinuousClock(), expressionEvaluator: (any ExpressionEvaluator)? = nil,
        audit: (any AuditLog)? = nil, telemetry: Telemetry = .off, metrics: MetricsEndpoint? = nil,
        executes: Bool = true
    ) {
        self.audit = audit ?? (instances as? any AuditLog) ?? MemoryAuditLog()
        self.telemetry = telemetry
        self.metrics = metrics
        self.scheduleClock = scheduleClock
        self.definitions = definitions
        self.instances = instances
        self.combinedReads =
            (definitions as AnyObject) === (instances as AnyObject)
            ? instances as? any InstanceWithWorkflowReading : nil
        var registry = registry
        registry.registerChildWorkflows()
        self.registry = registry
        self.configuration = configuration
        self.logger = logger
        self.now = now
        let streams = JournalBroadcaster()
        self.streams = streams
        // Cancel requests left in the store by `stepwise instances cancel` in another process are honoured.
        self.executor = WorkflowExecutor(
            registry: registry, store: instances, logger: logger, now: now,
            observer: { id, entries in streams.publish(entries, instance: id) }, cancelPollInterval: .milliseconds(250),
            definitions: definitions, expressionEvaluator: expressionEvaluator, telemetry: telemetry,
            executes: executes)
    }
}
