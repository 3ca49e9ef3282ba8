import Foundation

/// A wall-clock date and time without a time zone (the "naive" times a recurrence rule is expanded in).
public struct CivilTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The day: days since 1970-01-01 (negative before).
    public var day: Int
    /// Seconds since midnight, `0..<86_400`.
    public var second: Int

    /// A time from its day number and seconds since midnight.
    public init(day: Int, second: Int) {
        self.day = day
        self.second = second
    }

    /// A time from calendar fields (proleptic Gregorian).
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.day = CivilTime.dayNumber(year: year, month: month, day: day)
        self.second = hour * 3_600 + minute * 60 + second
    }

    /// Seconds since 1970-01-01T00:00:00 on this wall clock.
    public var wallSeconds: Int { day * 86_400 + second }

    /// The calendar fields: year, month (1–12), day of month (1–31).
    public var date: (year: Int, month: Int, day: Int) { CivilTime.civil(fromDay: day) }
    /// The hour, 0–23.
    public var hour: Int { second / 3_600 }
    /// The minute, 0–59.
    public var minute: Int { second / 60 % 60 }

    public static func < (lhs: CivilTime, rhs: CivilTime) -> Bool { lhs.wallSeconds < rhs.wallSeconds }

    public var description: String {
        let (y, m, d) = date
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(hour)):\(two(minute)):\(two(second % 60))"
    }

    /// The weekday of a day number, Monday = 0 … Sunday = 6.
    static func weekday(ofDay day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7
    }

    /// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian date of a day number (Howard Hinnant's `civil_from_days`).
    static func civil(fromDay dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The number of days in a month.
    static func daysInMonth(year: Int, month: Int) -> Int {
        let next =
            month == 12 ? dayNumber(year: year + 1, month: 1, day: 1) : dayNumber(year: year, month: month + 1, day: 1)
        return next - dayNumber(year: year, month: month, day: 1)
    }

    /// The instant this wall time names in `zone`. An ambiguous time (clocks going back) is its first instant; a
    /// time that does not exist (clocks going forward) is read with the offset before the change, as Python's
    /// `fold=0` does (02:30 on a spring-forward night is 03:30 daylight time).
    public func instant(in zone: TimeZone) -> Date {
        let wall = wallSeconds
        if zone.identifier == "UTC" || zone.identifier == "GMT" {
            return Date(timeIntervalSince1970: TimeInterval(wall))
        }
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - 86_400)))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall + 86_400)))
        var candidates: [Int] = []
        for offset in Set([before, after]) {
            let instant = wall - offset
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) == offset {
                candidates.append(instant)
            }
        }
        return Date(timeIntervalSince1970: TimeInterval(candidates.min() ?? wall - before))
    }

    /// The wall time of `date` in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(day: day, second: seconds - day * 86_400)
    }
}
