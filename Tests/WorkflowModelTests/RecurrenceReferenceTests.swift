import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Compares occurrences of random rules with Python's `dateutil.rrule` (installed from PyPI when missing; skipped
/// with a message when python3 or dateutil is not available).
@Suite("Recurrence rules against dateutil")
struct RecurrenceReferenceTests {
    static let script = """
        import json, sys
        from datetime import datetime, timezone
        from dateutil.rrule import rrulestr
        for line in sys.stdin:
            case = json.loads(line)
            try:
                rule = rrulestr(case["rule"])
                after = datetime.fromtimestamp(case["after"], tz=timezone.utc)
                out = [int(d.timestamp()) for d in rule.xafter(after, count=case["count"], inc=False)]
            except Exception as error:
                out = str(error)
            print(json.dumps(out), flush=True)
        """

    /// 2037-01-01T00:00:00Z.
    static let dateutilHorizon = 2_114_380_800

    static func python(_ arguments: [String], input: String = "") -> (status: Int32, output: String)? {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func dateutilAvailable() -> Bool {
        if python(["-c", "import dateutil.rrule"])?.status == 0 { return true }
        _ = python(["-m", "pip", "install", "--quiet", "python-dateutil"])
        return python(["-c", "import dateutil.rrule"])?.status == 0
    }

    @Test("random rules give dateutil's occurrences")
    func randomRules() async throws {
        // python3 runs for seconds: waiting for it must not hold a thread of the cooperative pool.
        guard try await TestSupport.offThePool({ Self.dateutilAvailable() }) else {
            print("skipped: python3 with dateutil is not available (pip install python-dateutil)")
            return
        }
        var generator = RuleGenerator(seed: 20_270_101)
        let cases = (0..<400).map { _ in generator.next() }
        let input = cases.map { rule, after in
            #"{"rule": \#(JSONValue.string(rule).compactJSON), "after": \#(Int(after)), "count": 15}"#
        }.joined(separator: "\n")
        let script = Self.script
        let reply = try #require(
            try await TestSupport.offThePool { Self.python(["-c", script], input: input + "\n") })
        try #require(reply.status == 0, "dateutil failed")
        let lines = reply.output.split(separator: "\n")
        try #require(lines.count == cases.count)
        var mismatches = 0
        for ((text, after), line) in zip(cases, lines) {
            let reference = try JSONValue.parse(String(line))
            guard let values = reference.arrayValue else {
                Issue.record("dateutil refused \(text): \(reference)")
                continue
            }
            // dateutil reads only the first part of zoneinfo files, which has no DST rules after 2037.
            let expected = values.compactMap(\.numberValue).map(Int.init).filter { $0 < Self.dateutilHorizon }
            let rule = try RecurrenceRule(parsing: text)
            let actual = rule.occurrences(after: Date(timeIntervalSince1970: after), limit: 15).map {
                Int($0.timeIntervalSince1970)
            }.filter { $0 < Self.dateutilHorizon }
            if actual != expected {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(text) after \(Int(after)): got \(actual), dateutil \(expected)") }
            }
        }
        #expect(mismatches == 0)
    }
}

/// Random rules in the subset both implementations define the same way (no DST-gap wall times, no rules that
/// never match).
struct RuleGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return range.lowerBound + Int((state >> 33) % UInt64(range.count))
    }

    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    mutating func list(_ range: ClosedRange<Int>, upTo count: Int) -> String {
        Set((0..<int(1...count)).map { _ in int(range) }).sorted().map(String.init).joined(separator: ",")
    }

    mutating func next() -> (String, TimeInterval) {
        let zones = ["UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Australia/Sydney"]
        let frequencies = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY"]
        let frequency = frequencies[int(0...5)]
        let subDaily = frequency == "HOURLY" || frequency == "MINUTELY"
        let zone = subDaily ? "UTC" : zones[int(0...4)]
        let year = int(2020...2026)
        let month = int(1...12)
        let day = int(1...28)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02d", year, month, day, int(4...22), int(0...59), 0)
        let start = zone == "UTC" ? "DTSTART:\(stamp)Z" : "DTSTART;TZID=\(zone):\(stamp)"
        var parts = ["FREQ=\(frequency)"]
        parts.append("INTERVAL=\(frequency == "MINUTELY" ? int(1...20) : int(1...3))")
        if chance(20) { parts.append("COUNT=\(int(1...30))") }
        if chance(30) { parts.append("BYMONTH=\(list(1...12, upTo: 3))") }
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        if chance(40) {
            // All entries ordinal or none: dateutil intersects `1MO` and `TU` where RFC 5545 unites them.
            let ordinals = (frequency == "MONTHLY" || frequency == "YEARLY") && chance(50)
            let picked = (0..<int(1...3)).map { _ -> String in
                let weekday = days[int(0...6)]
                guard ordinals else { return weekday }
                let ordinal = int(1...4) * (chance(30) ? -1 : 1)
                return "\(ordinal)\(weekday)"
            }
            parts.append("BYDAY=\(Set(picked).sorted().joined(separator: ","))")
            if chance(25) { parts.append("BYSETPOS=\(chance(50) ? -1 : 1)") }
        } else if chance(30) {
            parts.append("BYMONTHDAY=\(chance(70) ? list(1...28, upTo: 2) : "-1")")
        }
        // Sub-daily rules with an INTERVAL and BYHOUR/BYMINUTE may never match; dateutil then loops for ever.
        let filtersTimes = !subDaily || parts.contains("INTERVAL=1")
        if filtersTimes, chance(40) { parts.append("BYHOUR=\(list(4...22, upTo: 2))") }
        if filtersTimes, chance(40) { parts.append("BYMINUTE=\(list(0...59, upTo: 2))") }
        if chance(10) { parts.append("BYSECOND=\(list(0...59, upTo: 2))") }
        if frequency == "WEEKLY", chance(50) { parts.append("WKST=\(days[int(0...6)])") }
        let startDate = CivilTime(year: year, month: month, day: day).instant(
            in: TimeZone(identifier: "UTC") ?? .current)
        let spread: TimeInterval = subDaily ? 3 * 86_400 : 3 * 365 * 86_400
        let after = startDate.timeIntervalSince1970 + TimeInterval(int(-5...100)) / 100 * spread
        return ("\(start)\nRRULE:\(parts.joined(separator: ";"))", after.rounded(.down))
    }
}
