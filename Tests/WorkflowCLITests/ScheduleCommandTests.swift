import Foundation
import Testing
import WorkflowModel

@Suite("stepwise schedule")
struct ScheduleCommandTests {
    static func workflowFile(rule: String) throws -> URL {
        let spec: JSONValue = [
            "triggers": [["scheduleTrigger": ["rruleExpression": .string(rule)], "startStepNames": ["A"]]],
            "steps": [["name": "A", "actionId": "com.datadoghq.core.noop"]],
        ]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("schedule-\(UUID()).json")
        try spec.jsonData(pretty: true).write(to: url)
        return url
    }

    @Test("prints the next occurrences, one ISO-8601 time a line, DST-correct")
    func next() async throws {
        let file = try Self.workflowFile(
            rule: "DTSTART;TZID=America/New_York:20270301T093000\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await StepwiseProcess.run([
            "schedule", file.path, "--next", "3", "--after", "2027-03-12T20:00:00Z",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "2027-03-12T22:30:00Z\n2027-03-15T13:30:00Z\n2027-03-15T21:30:00Z\n")
    }

    @Test("an invalid rule exits 1 naming its pointer")
    func invalid() async throws {
        let file = try Self.workflowFile(rule: "RRULE:FREQ=FORTNIGHTLY")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await StepwiseProcess.run(["schedule", file.path, "--next", "3"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/triggers/0/scheduleTrigger/rruleExpression"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}
