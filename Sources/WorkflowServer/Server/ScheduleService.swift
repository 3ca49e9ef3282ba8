import Foundation
import Logging
import ServiceLifecycle
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Starts published workflows with a `scheduleTrigger` at each occurrence of its rule, source kind `schedule`.
///
/// Every wake-up (at the next occurrence, when a workflow is created, edited or deleted, and at least every
/// ``refreshInterval``) it starts each workflow whose rule had an occurrence since it last looked, once:
/// occurrences missed while the server was down are not replayed in a burst — at most one catch-up run starts
/// (when the workflow's last scheduled run, or its last edit, is older than a missed occurrence).
/// `overlapBehavior` `EXCLUSIVE_RUN` (default) skips an occurrence while the previous scheduled run still goes;
/// `OVERLAP_ALLOWED` starts it anyway. Time comes from an injected clock, so tests run a schedule on a manual one.
///
/// Several servers may run schedules on one database: each occurrence's instance id is derived from the workflow
/// and the occurrence time (``ScheduleState/instanceId(workflow:occurrence:)``), so the store's unique instance id
/// lets one server start it and refuses the others.
struct ScheduleService: Service {
    let environment: ServerEnvironment
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    /// The longest sleep, so new and edited workflows are picked up.
    var refreshInterval: Duration = .seconds(30)

    func run() async throws {
        let state = ScheduleState(environment: environment)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let current = now()
                let next = await state.tick(now: current)
                let delay =
                    next.map { next in
                        let until = next.timeIntervalSince(current)
                        return min(refreshInterval, .milliseconds(max(1, Int64((until * 1_000).rounded(.up)))))
                    } ?? refreshInterval
                let wakeup = environment.scheduleWakeup
                let clock = self.clock
                await withTaskGroup(of: Void.self) { race in
                    race.addTask { try? await clock.sleep(for: delay) }
                    race.addTask { await wakeup.wait() }
                    await race.next()
                    race.cancelAll()
                }
            }
        }
    }
}

/// What the schedule service remembers between wake-ups: when it last looked at each workflow's schedule, and
/// each workflow's last scheduled run.
actor ScheduleState {
    private let environment: ServerEnvironment
    private var lastChecked: [String: Date] = [:]
    private var lastRun: [String: String] = [:]

    init(environment: ServerEnvironment) {
        self.environment = environment
    }

    /// Starts every workflow due at `now`; returns the earliest next occurrence of any schedule.
    func tick(now: Date) async -> Date? {
        var earliest: Date?
        for stored in await scheduledWorkflows() {
            let id = stored.workflow.id
            guard
                let trigger = (stored.workflow.spec.triggers ?? []).first(where: { $0.kind == .schedule }),
                let rule = try? RecurrenceRule(parsing: trigger.options.rruleExpression ?? "")
            else { continue }
            let since = await checkedSince(stored)
            lastChecked[id] = now
            if let due = rule.next(after: since), due <= now {
                await fire(stored, overlap: ScheduleOverlap(trigger: trigger), occurrence: due)
            }
            if let next = rule.next(after: now), next < earliest ?? .distantFuture { earliest = next }
        }
        return earliest
    }

    private func fire(_ stored: StoredWorkflow, overlap: ScheduleOverlap, occurrence: Date) async {
        let id = stored.workflow.id
        let logger = environment.logger
        if overlap == .exclusiveRun, let previous = lastRun[id],
            (try? await environment.instances.instance(id: previous))??.status == .inProgress
        {
            logger.info("schedule of \(id): skipping \(occurrence), the previous run \(previous) is still going")
            return
        }
        let source: JSONValue = ["scheduledTime": .string(ISO8601DateFormatter().string(from: occurrence))]
        let instanceId = Self.instanceId(workflow: id, occurrence: occurrence)
        // Started by another server on this database already: the occurrence is done (no launch, no rate count).
        if (try? await environment.instances.instance(id: instanceId)) != nil {
            lastRun[id] = instanceId
            return
        }
        do {
            lastRun[id] = try await environment.startAutomatically(
                stored, kind: .schedule, source: source, instanceId: instanceId)
        } catch  where error.reason == .alreadyStarted {
            lastRun[id] = instanceId
        } catch {
            logger.warning("schedule of \(id): not started at \(occurrence): \(error.message)")
        }
    }

    /// The id of the instance workflow `workflow` starts for its schedule occurrence at `occurrence`: the same in
    /// every server, so one database holds one run per occurrence.
    static func instanceId(workflow: String, occurrence: Date) -> String {
        StableID.uuid(for: "schedule/\(workflow)/\(Int64(occurrence.timeIntervalSince1970.rounded(.down)))")
    }

    /// When the workflow's schedule was last looked at: by this process, else its last scheduled run or last
    /// edit (so downtime yields at most one catch-up run).
    private func checkedSince(_ stored: StoredWorkflow) async -> Date {
        let id = stored.workflow.id
        if let checked = lastChecked[id] { return checked }
        var since = stored.workflow.updatedAt
        let page = try? await environment.instances.list(InstanceQuery(workflowId: id, pageSize: 50))
        for instance in page?.instances ?? [] where instance.sourceKind == "schedule" {
            since = max(since, instance.startedAt)
            if lastRun[id] == nil { lastRun[id] = instance.id }
        }
        return since
    }

    /// Published workflows with a schedule trigger.
    private func scheduledWorkflows() async -> [StoredWorkflow] {
        var result: [StoredWorkflow] = []
        var pageNumber = 0
        while true {
            guard
                let page = try? await environment.definitions.list(
                    DefinitionQuery(pageNumber: pageNumber, pageSize: 100))
            else { return result }
            result += page.workflows.filter { stored in
                stored.workflow.published
                    && (stored.workflow.spec.triggers ?? []).contains { $0.kind == .schedule }
            }
            pageNumber += 1
            if page.workflows.isEmpty || pageNumber * 100 >= page.totalCount { return result }
        }
    }
}
