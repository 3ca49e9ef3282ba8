import Foundation
import Logging
import Synchronization
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Runs many instances at once on one long-lived task group; instances can be started, awaited and cancelled.
///
/// ```swift
/// let executor = WorkflowExecutor(registry: .core(), store: MemoryInstanceStore(), logger: logger)
/// async let running: Void = executor.run()
/// let started = try await executor.launcher.launch(Launch(.stored(stored), trigger: .kind(.api)))
/// let status = await executor.wait(for: id)
/// await executor.shutdown()
/// ```
public actor WorkflowExecutor {
    let registry: ActionRegistry
    let connections: ConnectionResolver?
    let store: any InstanceStore
    let clock: any Clock<Duration>
    let logger: Logger
    let now: @Sendable () -> Date
    let observer: (@Sendable (String, [JournalEntry]) -> Void)?
    /// What evaluates `${ … }` templates in every instance (`nil`: they fail as unsupported).
    let expressionEvaluator: (any ExpressionEvaluator)?
    /// Instances started and not yet handed to the task group.
    let jobs = JobQueue()
    /// The bound on actions in flight across every instance (inline actions do not count).
    let slots: ActionSlots
    /// How often to look for cancel requests other processes left in the store (`nil`: never).
    private let cancelPollInterval: Duration?
    let stopped = StopSignal()
    /// Set once the executor shut down and its last instance ended: the heartbeat stops then.
    let drained = StopSignal()
    /// Leases, heartbeat and quarantine.
    let ownership: OwnershipOptions
    /// Whether started instances run here (`false`: they are only created in the store, unowned, for workers).
    let executes: Bool
    /// Set by ``drain(timeout:)``: no more claims, and instances started from now on drain at once.
    let drainRequested = StopSignal()
    /// Set once ``drain(timeout:)`` asked every instance running then to start no new step.
    let drainDelivered = StopSignal()
    /// Park instances that only wait on timers, the first this far off (`nil`: never): see ``ParkingLot``.
    let parkAfter: Duration?
    /// The instances parked here.
    let parking = ParkingLot()
    /// Returns the memory parked instances leave behind to the system.
    let freedMemoryTrim = FreedMemoryTrim()
    /// Instances a ``resume(_:plan:)`` is claiming and restoring right now (not yet running).
    let resuming = Mutex<Set<String>>([])

    /// The instances running here (their signals and waiters), behind a lock: starting and finishing an instance
    /// take no hop onto the actor.
    let running = RunningInstances()
    /// The action table of the plan started last: instances of one workflow version started in a row share it
    /// (the registry and the connections never change, so the table is the same).
    private let lastTable = Mutex<(plan: ExecutionPlan, table: ActionTable)?>(nil)
    /// Where child workflow steps find the workflows they start (`nil`: they fail, naming why).
    let definitions: (any DefinitionStore)?
    /// How deep child workflows may nest (cycle protection).
    let maxChildDepth: Int
    /// Compiled plans of stored workflow versions: the launcher's, child workflows' and resumed instances'.
    let plans = PlanCache()
    /// Where instances' metrics and spans go.
    let telemetry: Telemetry

    /// An executor over `store`, running actions from `registry`, with timers on `clock`.
    /// - Parameters:
    ///   - connections: resolves steps' `connectionLabel`s to local connections when instances start; without
    ///     it, steps run without connections.
    ///   - observer: called with each turn's journal entries (for live progress views).
    ///   - cancelPollInterval: how often to look for cancel requests other processes stored (`nil`: never).
    ///   - maxActionsInFlight: how many actions may run at once across every instance; further steps wait for a
    ///     slot, first come first served (inline actions such as noop, if and echo never wait).
    ///   - definitions: the stored workflows `triggerWorkflow` steps start (child workflows); without it those
    ///     steps fail.
    ///   - maxChildDepth: how deep child workflows may nest before a `triggerWorkflow` step fails (cycle
    ///     protection; ``ChildWorkflowAction/defaultMaxDepth``).
    ///   - expressionEvaluator: evaluates `${ … }` templates (the JavaScript engine); without it they fail.
    ///   - ownership: lease duration, heartbeat and quarantine limit of the instances this executor runs.
    ///   - telemetry: the metrics and spans of the instances (``Telemetry/off``: none).
    ///   - executes: whether started instances run here; `false` only creates them in the store, unowned, for
    ///     `stepwise worker` processes to claim (`serve --no-execute`).
    ///   - parkAfter: an instance whose steps all wait on timers (retries, completion-gate intervals), the first
    ///     due at least this far off, leaves memory and is rebuilt from its journal when that timer is due
    ///     (`nil`: instances stay in memory).
    public init(
        registry: ActionRegistry,
        connections: ConnectionResolver? = nil,
        store: any InstanceStore,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        observer: (@Sendable (String, [JournalEntry]) -> Void)? = nil,
        cancelPollInterval: Duration? = nil,
        maxActionsInFlight: Int = 512,
        definitions: (any DefinitionStore)? = nil,
        maxChildDepth: Int = ChildWorkflowAction.defaultMaxDepth,
        expressionEvaluator: (any ExpressionEvaluator)? = nil,
        ownership: OwnershipOptions = OwnershipOptions(),
        telemetry: Telemetry = .off,
        executes: Bool = true,
        parkAfter: Duration? = nil
    ) {
        self.telemetry = telemetry
        self.ownership = ownership
        self.executes = executes
        self.parkAfter = parkAfter
        self.expressionEvaluator = expressionEvaluator
        self.registry = registry
        self.connections = connections
        self.store = store
        self.clock = clock
        self.logger = logger
        self.now = now
        self.observer = observer
        self.cancelPollInterval = cancelPollInterval
        self.slots = ActionSlots(limit: maxActionsInFlight)
        self.definitions = definitions
        self.maxChildDepth = maxChildDepth
    }

    /// Runs instances as they are started, until ``shutdown()`` is called and every started instance ended.
    ///
    /// Not isolated to the actor: queuing each instance's task, and recording its end, never wait for the actor.
    public nonisolated func run() async {
        await withDiscardingTaskGroup { group in
            if let cancelPollInterval {
                group.addTask { await self.watchCancelRequests(every: cancelPollInterval) }
                if let notices = store.cancelRequestNotices() {
                    group.addTask { await self.watchCancelNotices(notices) }
                }
            }
            group.addTask { await self.keepLeases() }
            if parkAfter != nil { group.addTask { await self.wakeParked() } }
            while true {
                let batch = await jobs.take()
                if batch.isEmpty { break }
                // Each instance is a child of this one group, so everything stays structured.
                for job in batch {
                    group.addTask {
                        let status = await job.runner.run(cancellation: job.signal)
                        if status == .inProgress, let due = job.runner.parkedUntil.withLock({ $0 }),
                            let lease = job.runner.lease
                        {
                            self.parking.park(
                                job.runner.instanceId,
                                ParkingLot.Parked(due: due, plan: job.runner.plan, signal: job.signal, lease: lease))
                            // A request that came while it parked wakes it at once (to be carried out).
                            if job.signal.hasRequest { self.parking.wakeNow(job.runner.instanceId) }
                            self.freedMemoryTrim.instanceParked()
                            return
                        }
                        // Finished or stopped cleanly: the next claim is no takeover (a lost lease is not ours).
                        if let lease = job.runner.lease, !job.runner.releasedLease.withLock({ $0 }) {
                            try? await self.store.release(lease)
                        }
                        self.running.finish(job.runner.instanceId, status: status)
                        if self.stopped.isSet && self.running.isEmpty { self.drained.set() }
                    }
                }
            }
        }
    }

    /// Creates the instance in the store and queues it to run (only creates it, unowned, when the executor does
    /// not execute: a worker claims it). Start paths go through ``launcher`` (which checks
    /// the trigger, inputs and actions first and calls this); tests drive it directly with a compiled plan.
    ///
    /// Not isolated to the actor: many instances start at once (each a store write), and none of it needs the
    /// actor's state (the running instances and the last action table have locks of their own).
    /// - Throws: ``RuntimeError`` `unknownAction` naming every step whose action is not registered,
    ///   `connection` when a step's connection cannot be resolved, `duplicate` when the id exists already, or
    ///   `store` when the store refuses the instance.
    public nonisolated func start(_ request: StartRequest) async throws(RuntimeError) -> String {
        let actions = try actionTable(for: request.plan)
        let summary = InstanceSummary(
            id: request.instanceId, workflowId: request.plan.workflowId, trigger: request.trigger,
            sourceKind: request.sourceKind, source: request.source, inputs: .object(request.inputs),
            startedAt: now(), workflowVersion: request.workflowVersion, parent: request.parent)
        let lease: InstanceLease
        do {
            guard executes else {
                try await store.create(summary)
                return request.instanceId
            }
            // Created and claimed in one write: a start pays one commit, and no worker sharing the store can
            // claim the new instance in between.
            lease = try await store.createClaimed(
                summary, owner: ownership.owner, now: ownership.now(), expiresAt: ownership.expiry())
        } catch  where error.code == .leaseHeld {
            // A lease left over under this id: create the instance, then claim it as a resume would.
            do {
                try await store.create(summary)
            } catch {
                throw RuntimeError(
                    error.code == .duplicate ? .duplicate : .store,
                    "could not create instance \(request.instanceId): \(error)")
            }
            do {
                lease = try await claim(request.instanceId)
            } catch  where error.code == .owned {
                // Another live process holds it: it runs there.
                return request.instanceId
            }
        } catch {
            throw RuntimeError(
                error.code == .duplicate ? .duplicate : .store,
                "could not create instance \(request.instanceId): \(error)")
        }
        enqueue(
            freshRunner(
                summary, plan: request.plan, actions: actions, lease: lease, traceHeaders: request.traceHeaders))
        return request.instanceId
    }

    /// A runner that starts `summary`'s instance from its trigger (nothing of it journaled yet).
    nonisolated func freshRunner(
        _ summary: InstanceSummary, plan: ExecutionPlan, actions: ActionTable, lease: InstanceLease,
        traceHeaders: [String: String] = [:]
    ) -> InstanceRunner {
        let context = InstanceContext(
            instanceId: summary.id, trigger: summary.inputs, source: summary.source,
            expressionEvaluator: expressionEvaluator)
        return InstanceRunner(
            scheduler: Scheduler(plan: plan, trigger: summary.trigger, context: context), actions: actions,
            store: store, clock: clock, logger: logger, now: now, observer: observer, slots: slots, lease: lease,
            startedAt: summary.startedAt, telemetry: telemetry, traceHeaders: traceHeaders, parkAfter: parkAfter)
    }

    /// Queues a runner on the executor's task group, with a cancellation signal of its own.
    nonisolated func enqueue(_ runner: InstanceRunner) {
        let signal = CancellationSignal()
        running.add(runner.instanceId, signal: signal)
        // After the add: a drain either sees this signal or is seen here.
        if drainRequested.isSet { signal.drain() }
        jobs.push(JobQueue.Job(runner: runner, signal: signal))
    }

    /// The cancellation signal of an instance running here.
    nonisolated func signal(for instanceId: String) -> CancellationSignal? { running.signal(for: instanceId) }

    /// Asks a running instance to cancel. Returns `false` when no such instance is running here.
    @discardableResult
    public func cancel(_ instanceId: String) -> Bool {
        guard let signal = running.signal(for: instanceId) else { return false }
        signal.cancel()
        parking.wakeNow(instanceId)
        return true
    }

    /// Asks every running instance to cancel (a server shutting down). Returns how many were asked.
    @discardableResult
    public func cancelAll() -> Int {
        let signals = running.allSignals
        for signal in signals { signal.cancel() }
        return signals.count
    }

    /// Stops every running instance where it is, without cancelling it: the journal already holds everything
    /// decided, and ``resume(_:plan:)`` carries each on later (steps that were running run again). For a
    /// graceful shutdown of a server. Returns how many instances were running.
    @discardableResult
    public func suspendAll() -> Int {
        let signals = running.allSignals
        for signal in signals { signal.suspend() }
        unparkAll()
        return signals.count
    }

    /// Waits until the instance ends and returns its status (from the store when it is not running here;
    /// `nil` for an unknown instance).
    public func wait(for instanceId: String) async -> InstanceStatus? {
        if let status = await running.wait(for: instanceId) { return status }
        return try? await store.instance(id: instanceId)?.status
    }

    /// Stops taking new instances; ``run()`` returns once the running ones ended.
    public func shutdown() {
        jobs.finish()
        stopped.set()
        parking.ring()
        if running.isEmpty { drained.set() }
    }

    /// Cancels instances running here whose cancel another process asked for in the store, until shutdown.
    private func watchCancelRequests(every interval: Duration) async {
        while await sleep(interval, on: ContinuousClock(), unless: stopped) {
            guard let requested = try? await store.cancelRequests() else { continue }
            for id in requested { await takeCancelRequest(id) }
        }
    }

    /// Cancels instances running here as the store announces their cancel requests, until shutdown.
    private func watchCancelNotices(_ notices: AsyncStream<String>) async {
        await withTaskGroup(of: Void.self) { race in
            race.addTask { for await id in notices { await self.takeCancelRequest(id) } }
            race.addTask { await self.stopped.wait() }
            await race.next()
            race.cancelAll()
        }
    }

    /// Cancels instance `id` when it runs here, and removes its cancel request.
    private func takeCancelRequest(_ id: String) async {
        guard running.contains(id) else { return }
        cancel(id)
        try? await store.takeCancelRequest(instance: id)
    }

    nonisolated func actionTable(for plan: ExecutionPlan) throws(RuntimeError) -> ActionTable {
        if let last = lastTable.withLock({ $0 }), last.plan === plan { return last.table }
        let table = try ActionTable(plan: plan, registry: registry, connections: connections, executor: self)
        lastTable.withLock { $0 = (plan, table) }
        return table
    }
}
