import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowServer
import WorkflowStore
import WorkflowTestSupport

@Suite("Schedules under serve")
struct ScheduleServiceTests {
    static let base = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z

    static func spec(overlap: String, sleep: Bool = false, rule: String = "RRULE:FREQ=MINUTELY") -> JSONValue {
        let step: JSONValue =
            sleep
            ? [
                "name": "A", "actionId": "com.datadoghq.core.sleep",
                "parameters": [["name": "durationSeconds", "value": 300]],
            ] : ["name": "A", "actionId": "com.datadoghq.core.noop"]
        return [
            "triggers": [
                [
                    "scheduleTrigger": ["rruleExpression": .string(rule), "overlapBehavior": .string(overlap)],
                    "startStepNames": ["A"],
                ]
            ],
            "steps": [step],
        ]
    }

    static func harness(_ clock: ManualClock) throws -> ServerHarness {
        try ServerHarness(
            now: { base.addingTimeInterval(TimeInterval(clock.elapsed.components.seconds)) }, scheduleClock: clock)
    }

    static func scheduledRuns(_ harness: ServerHarness, _ id: String) async throws -> [InstanceSummary] {
        try await harness.environment.instances.list(InstanceQuery(workflowId: id, pageSize: 100)).instances
    }

    /// Advances the manual clock in `step`s, letting the scheduler go back to sleep after each.
    static func advance(_ clock: ManualClock, by total: Duration, step: Duration = .seconds(30)) async {
        var moved = Duration.zero
        while moved < total {
            clock.advance(by: step)
            moved += step
            await clock.waitForSleepers(1)
        }
    }

    @Test("an every-minute schedule starts a run each minute, source kind schedule")
    func everyMinute() async throws {
        let clock = ManualClock()
        let harness = try Self.harness(clock)
        try await harness.withClient { client in
            await clock.waitForSleepers(1)
            let id = try await client.createWorkflow(spec: Self.spec(overlap: "OVERLAP_ALLOWED"))
            let unpublished = try await client.createWorkflow(
                spec: Self.spec(overlap: "OVERLAP_ALLOWED"), published: false)
            await Self.advance(clock, by: .seconds(600))
            let runs = try await Self.scheduledRuns(harness, id)
            #expect(runs.count == 10)
            #expect(runs.allSatisfy { $0.sourceKind == "schedule" && $0.trigger == .schedule })
            #expect(try await Self.scheduledRuns(harness, unpublished).isEmpty)
        }
    }

    @Test("creating a workflow wakes the scheduler, so the first occurrence is on time")
    func wakesOnCreate() async throws {
        let clock = ManualClock()
        let harness = try Self.harness(clock)
        try await harness.withClient { client in
            await clock.waitForSleepers(1)
            let spec = Self.spec(
                overlap: "OVERLAP_ALLOWED", rule: "DTSTART:20270101T000010Z\nRRULE:FREQ=MINUTELY")
            let id = try await client.createWorkflow(spec: spec)
            // The scheduler was asleep until 30 s; the creation wakes it and it sleeps until the first occurrence.
            var turns = 0
            while clock.nextDeadline != ManualClock.Instant(offset: .seconds(10)), turns < 1_000_000 {
                await Task.yield()
                turns += 1
            }
            clock.advance(by: .seconds(10))
            await clock.waitForSleepers(1)
            let runs = try await Self.scheduledRuns(harness, id)
            #expect(runs.map(\.startedAt) == [Self.base.addingTimeInterval(10)])
        }
    }

    @Test("EXCLUSIVE_RUN skips occurrences while the previous run still goes")
    func exclusive() async throws {
        let clock = ManualClock()
        let harness = try Self.harness(clock)
        try await harness.withClient { client in
            await clock.waitForSleepers(1)
            let id = try await client.createWorkflow(spec: Self.spec(overlap: "EXCLUSIVE_RUN", sleep: true))
            await Self.advance(clock, by: .seconds(300))
            #expect(try await Self.scheduledRuns(harness, id).count == 1)
        }
    }

    @Test("after downtime at most one catch-up run starts")
    func catchUp() async throws {
        let clock = ManualClock()
        let harness = try Self.harness(clock)
        try await harness.withClient { client in
            await clock.waitForSleepers(1)
            let id = try await client.createWorkflow(spec: Self.spec(overlap: "OVERLAP_ALLOWED"))
            // One long jump, as if the machine slept for an hour: one run, not sixty.
            await Self.advance(clock, by: .seconds(3_600), step: .seconds(3_600))
            #expect(try await Self.scheduledRuns(harness, id).count == 1)
        }
    }
}
