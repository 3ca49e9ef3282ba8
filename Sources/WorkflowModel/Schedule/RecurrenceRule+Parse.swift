import Foundation

extension RecurrenceRule {
    private static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Reads `[DTSTART[;TZID=Zone]:YYYYMMDDTHHMMSS[Z]]` and `RRULE:…` lines (newlines, or spaces between the
    /// two lines; the `RRULE:` prefix may be left out).
    /// - Throws: ``RecurrenceRuleError`` naming the part that is wrong.
    public init(parsing text: String) throws(RecurrenceRuleError) {
        var startLine: String?
        var ruleLine: String?
        let lines = text.replacingOccurrences(of: "\\n", with: "\n")
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == " " || $0 == "\t" })
        for raw in lines {
            let line = String(raw)
            let upper = line.uppercased()
            if upper.hasPrefix("DTSTART") {
                guard startLine == nil else { throw RecurrenceRuleError("DTSTART appears more than once") }
                startLine = line
            } else if upper.hasPrefix("RRULE:") || upper.hasPrefix("FREQ=") || upper.contains("FREQ=") {
                guard ruleLine == nil else { throw RecurrenceRuleError("only one RRULE is supported") }
                ruleLine = upper.hasPrefix("RRULE:") ? String(line.dropFirst(6)) : line
            } else {
                throw RecurrenceRuleError("unexpected line \"\(line)\": expected DTSTART or RRULE")
            }
        }
        guard let ruleLine else { throw RecurrenceRuleError("missing RRULE line (RRULE:FREQ=…)") }
        var start = CivilTime(day: 0, second: 0)
        var zone = TimeZone(identifier: "UTC") ?? TimeZone.current
        if let startLine { (start, zone) = try Self.parseStart(startLine) }
        try self.init(start: start, timeZone: zone, rule: ruleLine)
    }

    private init(start: CivilTime, timeZone: TimeZone, rule: String) throws(RecurrenceRuleError) {
        var parts: [String: String] = [:]
        for part in rule.split(separator: ";") where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[1].isEmpty else { throw RecurrenceRuleError("malformed part \"\(part)\"") }
            let name = pair[0].uppercased()
            guard parts[name] == nil else { throw RecurrenceRuleError("\(name) appears more than once") }
            parts[name] = pair[1].uppercased()
        }
        let frequencies: [String: Frequency] = [
            "YEARLY": .yearly, "MONTHLY": .monthly, "WEEKLY": .weekly, "DAILY": .daily, "HOURLY": .hourly,
            "MINUTELY": .minutely,
        ]
        guard let freqText = parts.removeValue(forKey: "FREQ") else { throw RecurrenceRuleError("FREQ is required") }
        guard let frequency = frequencies[freqText] else {
            throw RecurrenceRuleError(
                "FREQ=\(freqText) is not supported (YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY)")
        }
        self.init(start: start, timeZone: timeZone, frequency: frequency)
        for (name, value) in parts {
            switch name {
            case "INTERVAL": interval = try Self.integers(value, name, 1...1_000_000).first ?? 1
            case "COUNT": count = try Self.integers(value, name, 1...Int(Int32.max)).first
            case "UNTIL": until = try Self.parseUntil(value, zone: timeZone)
            case "BYMONTH": byMonth = try Self.integers(value, name, 1...12)
            case "BYMONTHDAY": byMonthDay = try Self.integers(value, name, -31...31, nonZero: true)
            case "BYYEARDAY": byYearDay = try Self.integers(value, name, -366...366, nonZero: true)
            case "BYHOUR": byHour = try Self.integers(value, name, 0...23)
            case "BYMINUTE": byMinute = try Self.integers(value, name, 0...59)
            case "BYSECOND": bySecond = try Self.integers(value, name, 0...59)
            case "BYSETPOS": bySetPosition = try Self.integers(value, name, -366...366, nonZero: true)
            case "BYDAY":
                byDay = try value.split(separator: ",").map { token throws(RecurrenceRuleError) in
                    try Self.weekdayNumber(String(token))
                }
            case "WKST":
                guard let day = Self.weekdayCodes.firstIndex(of: value) else {
                    throw RecurrenceRuleError("WKST=\(value) is not a weekday (MO…SU)")
                }
                weekStart = day
            default: throw RecurrenceRuleError("\(name) is not supported")
            }
        }
        if count != nil && until != nil { throw RecurrenceRuleError("COUNT and UNTIL cannot both be given") }
        if frequency > .monthly, byDay.contains(where: { $0.ordinal != nil }) {
            throw RecurrenceRuleError("BYDAY ordinals (like 1MO) need FREQ=MONTHLY or FREQ=YEARLY")
        }
    }

    private static func integers(
        _ value: String, _ name: String, _ range: ClosedRange<Int>, nonZero: Bool = false
    ) throws(RecurrenceRuleError) -> [Int] {
        var result: [Int] = []
        for token in value.split(separator: ",", omittingEmptySubsequences: false) {
            guard let number = Int(token), range.contains(number), !(nonZero && number == 0) else {
                throw RecurrenceRuleError(
                    "\(name)=\(value): \"\(token)\" is not in \(range.lowerBound)…\(range.upperBound)")
            }
            result.append(number)
        }
        return result
    }

    private static func weekdayNumber(_ token: String) throws(RecurrenceRuleError) -> WeekdayNumber {
        let code = String(token.suffix(2))
        guard let weekday = weekdayCodes.firstIndex(of: code) else {
            throw RecurrenceRuleError(
                "BYDAY: \"\(token)\" is not a weekday (MO…SU, optionally with an ordinal like 1MO or -1FR)")
        }
        let prefix = token.dropLast(2)
        guard !prefix.isEmpty else { return WeekdayNumber(weekday: weekday) }
        guard let ordinal = Int(prefix), ordinal != 0, (-53...53).contains(ordinal) else {
            throw RecurrenceRuleError("BYDAY: \"\(token)\" has an invalid ordinal")
        }
        return WeekdayNumber(weekday: weekday, ordinal: ordinal)
    }

    private static func parseStart(_ line: String) throws(RecurrenceRuleError) -> (CivilTime, TimeZone) {
        guard let colon = line.lastIndex(of: ":") else {
            throw RecurrenceRuleError("DTSTART needs a value: DTSTART:20270101T090000Z")
        }
        let head = line[..<colon]
        let value = String(line[line.index(after: colon)...])
        var zone = TimeZone(identifier: "UTC") ?? TimeZone.current
        for parameter in head.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].uppercased() == "TZID" else {
                throw RecurrenceRuleError("DTSTART parameter \"\(parameter)\" is not supported (only TZID)")
            }
            guard let named = TimeZone(identifier: pair[1]) else {
                throw RecurrenceRuleError("unknown time zone \"\(pair[1])\"")
            }
            zone = named
        }
        let (time, utc) = try parseDateTime(value, "DTSTART")
        if utc {
            guard zone.identifier == "UTC" || zone.identifier == "GMT" else {
                throw RecurrenceRuleError("DTSTART with TZID must be a local time (no trailing Z)")
            }
        }
        return (time, zone)
    }

    private static func parseUntil(_ value: String, zone: TimeZone) throws(RecurrenceRuleError) -> Date {
        let (time, utc) = try parseDateTime(value, "UNTIL")
        return utc ? time.instant(in: TimeZone(identifier: "UTC") ?? zone) : time.instant(in: zone)
    }

    /// `YYYYMMDD`, `YYYYMMDDTHHMMSS` or `YYYYMMDDTHHMMSSZ`; returns whether it was UTC.
    private static func parseDateTime(_ value: String, _ name: String) throws(RecurrenceRuleError) -> (CivilTime, Bool)
    {
        let invalid = RecurrenceRuleError("\(name) \"\(value)\" is not a date-time like 20270101T090000Z")
        let utc = value.hasSuffix("Z")
        let body = Array(utc ? value.dropLast() : Substring(value))
        guard body.count == 8 || (body.count == 15 && body[8] == "T") else { throw invalid }
        func number(_ range: Range<Int>) -> Int? {
            let slice = body[range]
            guard slice.allSatisfy(\.isASCII), slice.allSatisfy(\.isNumber) else { return nil }
            return Int(String(slice))
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8) else { throw invalid }
        var hour = 0
        var minute = 0
        var second = 0
        if body.count == 15 {
            guard let h = number(9..<11), let m = number(11..<13), let s = number(13..<15) else { throw invalid }
            (hour, minute, second) = (h, m, s)
        }
        guard (1...12).contains(month), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day),
            hour < 24, minute < 60, second < 60
        else { throw invalid }
        return (CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second), utc)
    }
}
