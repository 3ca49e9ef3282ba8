import Foundation
import Testing
import WorkflowModel

@Suite("Recurrence rules")
struct RecurrenceRuleTests {
    static func iso(_ dates: [Date]) -> [String] {
        let formatter = ISO8601DateFormatter()
        return dates.map { formatter.string(from: $0) }
    }

    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    static let knownAnswers: [(rule: String, after: String, expected: [String])] = [
        (
            "DTSTART;TZID=America/New_York:19970902T090000\nRRULE:FREQ=DAILY;COUNT=3", "1990-01-01T00:00:00Z",
            ["1997-09-02T13:00:00Z", "1997-09-03T13:00:00Z", "1997-09-04T13:00:00Z"]
        ),
        (
            "DTSTART;TZID=America/New_York:19970905T090000\nRRULE:FREQ=MONTHLY;COUNT=4;BYDAY=1FR",
            "1990-01-01T00:00:00Z",
            ["1997-09-05T13:00:00Z", "1997-10-03T13:00:00Z", "1997-11-07T14:00:00Z", "1997-12-05T14:00:00Z"]
        ),
        (
            "DTSTART:19970905T090000Z\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=-1FR", "1990-01-01T00:00:00Z",
            ["1997-09-26T09:00:00Z", "1997-10-31T09:00:00Z", "1997-11-28T09:00:00Z"]
        ),
        (
            "DTSTART:19970929T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "1997-01-01T00:00:00Z",
            ["1997-09-30T09:00:00Z", "1997-10-31T09:00:00Z", "1997-11-28T09:00:00Z", "1997-12-31T09:00:00Z"]
        ),
        (
            "RRULE:FREQ=MINUTELY", "2027-01-01T00:00:00Z",
            ["2027-01-01T00:01:00Z", "2027-01-01T00:02:00Z", "2027-01-01T00:03:00Z"]
        ),
        (
            "DTSTART;TZID=Europe/Paris:20270101T090000\nRRULE:FREQ=DAILY", "2027-03-26T12:00:00Z",
            ["2027-03-27T08:00:00Z", "2027-03-28T07:00:00Z", "2027-03-29T07:00:00Z"]
        ),
        (
            "DTSTART:20270101T000000Z\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270115T000000Z",
            "2026-12-31T00:00:00Z",
            ["2027-01-12T00:00:00Z", "2027-01-14T00:00:00Z"]
        ),
        (
            "DTSTART:20240101T083000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-01-01T00:00:00Z",
            ["2024-02-29T08:30:00Z", "2028-02-29T08:30:00Z"]
        ),
        (
            // 02:30 does not exist on 2027-03-14 in New York: read with the offset before the change (03:30 EDT).
            "DTSTART;TZID=America/New_York:20270312T023000\nRRULE:FREQ=DAILY;COUNT=4", "2027-01-01T00:00:00Z",
            ["2027-03-12T07:30:00Z", "2027-03-13T07:30:00Z", "2027-03-14T07:30:00Z", "2027-03-15T06:30:00Z"]
        ),
        (
            // Hourly across the Paris spring-forward: the skipped 02:00 and 03:00 CEST are one instant, listed once.
            "DTSTART;TZID=Europe/Paris:20270328T000000\nRRULE:FREQ=HOURLY", "2027-03-27T22:30:00Z",
            ["2027-03-27T23:00:00Z", "2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z", "2027-03-28T02:00:00Z"]
        ),
        (
            // 01:30 happens twice on 2027-11-07 in New York: the first one (EDT) counts.
            "DTSTART;TZID=America/New_York:20271106T013000\nRRULE:FREQ=DAILY;COUNT=3", "2027-01-01T00:00:00Z",
            ["2027-11-06T05:30:00Z", "2027-11-07T05:30:00Z", "2027-11-08T06:30:00Z"]
        ),
        (
            "DTSTART:20270101T000000Z\nRRULE:FREQ=HOURLY;INTERVAL=6;BYMINUTE=15,45", "2027-01-01T00:00:00Z",
            ["2027-01-01T00:15:00Z", "2027-01-01T00:45:00Z", "2027-01-01T06:15:00Z"]
        ),
        (
            "DTSTART;TZID=America/New_York:20270301T093000\nRRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17",
            "2027-03-12T20:00:00Z",
            ["2027-03-12T22:30:00Z", "2027-03-15T13:30:00Z", "2027-03-15T21:30:00Z"]
        ),
    ]

    @Test("known answers", arguments: knownAnswers.indices)
    func knownAnswer(_ index: Int) throws {
        let (text, after, expected) = Self.knownAnswers[index]
        let rule = try RecurrenceRule(parsing: text)
        let occurrences = rule.occurrences(after: try Self.date(after), limit: expected.count + 1)
        let prefix = Self.iso(occurrences).prefix(expected.count)
        #expect(Array(prefix) == expected, "\(text)")
    }

    @Test("COUNT and UNTIL end the rule")
    func ending() throws {
        let counted = try RecurrenceRule(parsing: "DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2")
        #expect(counted.occurrences(after: try Self.date("2020-01-01T00:00:00Z"), limit: 10).count == 2)
        #expect(counted.next(after: try Self.date("2027-01-02T00:00:00Z")) == nil)
        let never = try RecurrenceRule(parsing: "DTSTART:20270101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2")
        #expect(never.next(after: try Self.date("2027-01-01T00:00:00Z")) == nil)
    }

    @Test("a year of an every-minute schedule has every minute once, in order")
    func yearOfMinutes() throws {
        let rule = try RecurrenceRule(parsing: "DTSTART:20270101T000000Z\nRRULE:FREQ=MINUTELY")
        let start = try Self.date("2027-01-01T00:00:00Z")
        let year = rule.occurrences(after: start, through: start.addingTimeInterval(365 * 86_400))
        #expect(year.count == 365 * 1_440)
        #expect(zip(year, year.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 60 })
    }

    static let invalid: [(String, String)] = [
        ("RRULE:FREQ=SOMETIMES", "FREQ=SOMETIMES is not supported"),
        ("RRULE:FREQ=YEARLY;BYMONTH=13", "BYMONTH=13"),
        ("RRULE:FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
        ("DTSTART:20270101T000000Z", "missing RRULE"),
        ("DTSTART;TZID=Mars/Olympus:20270101T000000\nRRULE:FREQ=DAILY", "unknown time zone"),
        ("RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z", "COUNT and UNTIL"),
        ("RRULE:FREQ=DAILY;BYDAY=1MO", "ordinals"),
        ("DTSTART:2027-01-01\nRRULE:FREQ=DAILY", "DTSTART"),
    ]

    @Test("invalid rules are refused with a reason", arguments: invalid.indices)
    func invalidRule(_ index: Int) {
        let (text, fragment) = Self.invalid[index]
        #expect {
            _ = try RecurrenceRule(parsing: text)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test("an invalid rule is a validation error at its pointer")
    func validationPointer() throws {
        let spec: JSONValue = [
            "triggers": [
                ["apiTrigger": .emptyObject, "startStepNames": ["A"]],
                ["scheduleTrigger": ["rruleExpression": "RRULE:FREQ=OFTEN"], "startStepNames": ["A"]],
            ],
            "steps": [["name": "A", "actionId": "com.datadoghq.core.noop"]],
        ]
        let document = WorkflowDocument(json: spec)
        #expect(!document.isValid)
        let pointers = document.report.issues.map(\.pointer.description)
        #expect(pointers.contains("/triggers/1/scheduleTrigger/rruleExpression"), "\(document.report.issues)")
        let good = WorkflowDocument(json: [
            "triggers": [
                [
                    "scheduleTrigger": ["rruleExpression": "RRULE:FREQ=DAILY", "overlapBehavior": "OVERLAP_ALLOWED"],
                    "startStepNames": ["A"],
                ]
            ],
            "steps": [["name": "A", "actionId": "com.datadoghq.core.noop"]],
        ])
        #expect(good.isValid, "\(good.report.issues)")
    }
}
