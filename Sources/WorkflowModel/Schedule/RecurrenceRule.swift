import Foundation

/// An iCalendar recurrence rule (RFC 5545) with its `DTSTART`, as `scheduleTrigger.rruleExpression` holds it:
///
/// ```
/// DTSTART;TZID=Europe/Paris:20270101T090000
/// RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9,17
/// ```
///
/// Occurrences are wall-clock times in the rule's time zone (UTC without `TZID`), so a daily 09:00 stays at
/// 09:00 across daylight-saving changes. Without `DTSTART` the rule starts at 1970-01-01T00:00:00 UTC, so the
/// schedule is the same whenever it is read. Expansion follows Python's `dateutil.rrule`.
public struct RecurrenceRule: Sendable, Hashable {
    /// How often the rule repeats.
    public enum Frequency: Int, Sendable, Hashable, Comparable, CaseIterable {
        case yearly = 0
        case monthly, weekly, daily, hourly, minutely

        public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A `BYDAY` entry: a weekday (Monday = 0 … Sunday = 6), with an ordinal (`1MO`, `-1FR`) or without.
    public struct WeekdayNumber: Sendable, Hashable {
        /// Monday = 0 … Sunday = 6.
        public var weekday: Int
        /// The n-th (negative: from the end) such weekday of the month or year; `nil` for every one.
        public var ordinal: Int?

        /// Creates an entry.
        public init(weekday: Int, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }
    }

    /// The first occurrence candidate, on the wall clock of ``timeZone``.
    public var start: CivilTime
    /// The zone the rule's wall times are in.
    public var timeZone: TimeZone
    /// `FREQ`.
    public var frequency: Frequency
    /// `INTERVAL` (1 by default).
    public var interval: Int = 1
    /// `COUNT`: how many occurrences in all.
    public var count: Int?
    /// `UNTIL`: the last instant an occurrence may have.
    public var until: Date?
    /// `BYMONTH` (1–12).
    public var byMonth: [Int] = []
    /// `BYMONTHDAY` (1–31, or −31…−1 from the month's end).
    public var byMonthDay: [Int] = []
    /// `BYYEARDAY` (1–366, or from the end).
    public var byYearDay: [Int] = []
    /// `BYDAY`.
    public var byDay: [WeekdayNumber] = []
    /// `BYHOUR` (0–23).
    public var byHour: [Int] = []
    /// `BYMINUTE` (0–59).
    public var byMinute: [Int] = []
    /// `BYSECOND` (0–59).
    public var bySecond: [Int] = []
    /// `BYSETPOS`: which of each period's occurrences to keep (1-based, negative from the end).
    public var bySetPosition: [Int] = []
    /// `WKST`: the first day of a week (Monday = 0 by default).
    public var weekStart: Int = 0

    /// Creates a rule from its parts (``init(parsing:)`` reads one from text).
    public init(start: CivilTime, timeZone: TimeZone, frequency: Frequency) {
        self.start = start
        self.timeZone = timeZone
        self.frequency = frequency
    }

    /// The first occurrence strictly after `date`, or `nil` when the rule has ended.
    public func next(after date: Date) -> Date? {
        var iterator = makeIterator(after: date)
        return iterator.next()
    }

    /// Up to `limit` occurrences strictly after `date`, in order.
    public func occurrences(after date: Date, limit: Int) -> [Date] {
        var iterator = makeIterator(after: date)
        var result: [Date] = []
        while result.count < limit, let next = iterator.next() { result.append(next) }
        return result
    }

    /// Occurrences strictly after `date` and not after `end`, in order (at most `limit`).
    public func occurrences(after date: Date, through end: Date, limit: Int = 1_000_000) -> [Date] {
        var iterator = makeIterator(after: date)
        var result: [Date] = []
        while result.count < limit, let next = iterator.next(), next <= end { result.append(next) }
        return result
    }

    /// An iterator over the occurrences strictly after `date`.
    public func makeIterator(after date: Date) -> RecurrenceIterator {
        RecurrenceIterator(rule: self, after: date)
    }
}

/// Why a recurrence rule was refused.
public struct RecurrenceRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// For people: what is wrong with the rule.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
