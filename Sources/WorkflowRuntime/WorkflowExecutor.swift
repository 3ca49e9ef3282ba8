import Foundation
import Logging
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Runs many instances at once on one long-lived task group; instances can be started, awaited and cancelled.
///
/// ```swift
/// let executor = WorkflowExecutor(registry: .core(), store: MemoryInstanceStore(), logger: logger)
/// async let running: Void = executor.run()
/// let id = try await executor.start(request)
/// let status = await executor.wait(for: id)
/// await executor.shutdown()
/// ```
public actor WorkflowExecutor {
    private struct Job: Sendable {
        var runner: InstanceRunner
        var signal: CancellationSignal
    }

    private let registry: ActionRegistry
    private let store: any InstanceStore
    private let clock: any Clock<Duration>
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let observer: (@Sendable (String, [JournalEntry]) -> Void)?
    private let jobs: AsyncStream<Job>
    private let jobSink: AsyncStream<Job>.Continuation

    private var signals: [String: CancellationSignal] = [:]
    /// The action table of the plan started last: instances of one workflow version started in a row share it
    /// (the registry never changes, so the table is the same).
    private var lastTable: (plan: ExecutionPlan, table: ActionTable)?
    private var waiters: [String: [CheckedContinuation<InstanceStatus?, Never>]] = [:]

    /// An executor over `store`, running actions from `registry`, with timers on `clock`.
    /// - Parameter observer: called with each turn's journal entries (for live progress views).
    public init(
        registry: ActionRegistry,
        store: any InstanceStore,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        observer: (@Sendable (String, [JournalEntry]) -> Void)? = nil
    ) {
        self.registry = registry
        self.store = store
        self.clock = clock
        self.logger = logger
        self.now = now
        self.observer = observer
        (jobs, jobSink) = AsyncStream<Job>.makeStream()
    }

    /// Runs instances as they are started, until ``shutdown()`` is called and every started instance ended.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                // Each instance is a child of this one group, so everything stays structured.
                group.addTask {
                    let status = await job.runner.run(cancellation: job.signal)
                    await self.didFinish(job.runner.instanceId, status)
                }
            }
        }
    }

    /// Creates the instance in the store and queues it to run.
    /// - Throws: ``RuntimeError`` `unknownAction` naming every step whose action is not registered, or
    ///   `store` when the store refuses the instance.
    public func start(_ request: StartRequest) async throws(RuntimeError) -> String {
        let actions = try actionTable(for: request.plan)
        let context = InstanceContext(
            instanceId: request.instanceId, trigger: .object(request.inputs), source: request.source)
        let scheduler = Scheduler(plan: request.plan, trigger: request.trigger, context: context)
        let summary = InstanceSummary(
            id: request.instanceId, workflowId: request.plan.workflowId, trigger: request.trigger,
            sourceKind: request.sourceKind, source: request.source, inputs: .object(request.inputs),
            startedAt: now(), workflowVersion: request.workflowVersion)
        do {
            try await store.create(summary)
        } catch {
            throw RuntimeError(.store, "could not create instance \(request.instanceId): \(error)")
        }
        let runner = InstanceRunner(
            scheduler: scheduler, actions: actions, store: store, clock: clock, logger: logger, now: now,
            observer: observer)
        let signal = CancellationSignal()
        signals[request.instanceId] = signal
        jobSink.yield(Job(runner: runner, signal: signal))
        return request.instanceId
    }

    /// Asks a running instance to cancel. Returns `false` when no such instance is running here.
    @discardableResult
    public func cancel(_ instanceId: String) -> Bool {
        guard let signal = signals[instanceId] else { return false }
        signal.cancel()
        return true
    }

    /// Waits until the instance ends and returns its status (from the store when it is not running here;
    /// `nil` for an unknown instance).
    public func wait(for instanceId: String) async -> InstanceStatus? {
        if signals[instanceId] == nil {
            return try? await store.instance(id: instanceId)?.status
        }
        return await withCheckedContinuation { continuation in
            waiters[instanceId, default: []].append(continuation)
        }
    }

    /// Stops taking new instances; ``run()`` returns once the running ones ended.
    public func shutdown() {
        jobSink.finish()
    }

    private func actionTable(for plan: ExecutionPlan) throws(RuntimeError) -> ActionTable {
        if let lastTable, lastTable.plan === plan { return lastTable.table }
        let table = try ActionTable(plan: plan, registry: registry)
        lastTable = (plan, table)
        return table
    }

    private func didFinish(_ id: String, _ status: InstanceStatus) {
        signals[id] = nil
        for waiter in waiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: status) }
    }
}
