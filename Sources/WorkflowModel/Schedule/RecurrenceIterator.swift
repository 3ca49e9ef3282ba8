import Foundation

/// The occurrences of a ``RecurrenceRule`` after a date, in order, computed a period (year, month, week, day) at
/// a time. Ends with the rule (`COUNT`, `UNTIL`), or after scanning about two million days (thousands of years)
/// without an occurrence.
public struct RecurrenceIterator: IteratorProtocol, Sendable {
    private let rule: RecurrenceRule
    private let expander: PeriodExpander
    private let after: Date
    /// The period being expanded next (an index from the start's period, in units of the period).
    private var period: Int
    private var pending: [CivilTime] = []
    private var emitted = 0
    private var emptyCost = 0
    private var finished = false
    /// The last occurrence returned (occurrences are strictly increasing).
    private var lastInstant: Date?
    /// A stretch of instants (`from..<until`, Unix seconds) over which the zone's offset is `offset`.
    private var offsetSpan: (from: Int, until: Int, offset: Int)?
    /// The last day a sub-daily period fell on, and whether it passed the day filters.
    private var checkedDay: (day: Int, matches: Bool)?

    init(rule: RecurrenceRule, after: Date) {
        self.rule = rule
        self.expander = PeriodExpander(rule: rule)
        self.after = after
        self.period = 0
        if rule.count == nil {
            // Without COUNT nothing before `after` matters: start a period or two before it.
            let target = CivilTime(after, in: rule.timeZone)
            let index = expander.periodIndex(containing: target) - expander.safetyPeriods
            let aligned = index - ((index % rule.interval) + rule.interval) % rule.interval
            period = max(0, aligned)
        }
    }

    /// The next occurrence, or `nil` when the rule has ended.
    public mutating func next() -> Date? {
        while !finished {
            if pending.isEmpty {
                refill()
                continue
            }
            let time = pending.removeFirst()
            guard time >= rule.start else { continue }
            let instant = instant(of: time)
            // Wall times skipped by a DST change map onto instants that follow anyway: each instant once.
            if let last = lastInstant, instant <= last { continue }
            lastInstant = instant
            if let until = rule.until, instant > until {
                finished = true
                return nil
            }
            emitted += 1
            if let count = rule.count, emitted > count {
                finished = true
                return nil
            }
            if instant > after { return instant }
        }
        return nil
    }

    /// ``CivilTime/instant(in:)``, without asking the zone again while no offset change is within a day.
    private mutating func instant(of time: CivilTime) -> Date {
        if let span = offsetSpan {
            let candidate = time.wallSeconds - span.offset
            if candidate >= span.from, candidate < span.until - 86_400 {
                return Date(timeIntervalSince1970: TimeInterval(candidate))
            }
        }
        let instant = time.instant(in: rule.timeZone)
        let seconds = Int(instant.timeIntervalSince1970)
        let until = rule.timeZone.nextDaylightSavingTimeTransition(after: instant).map {
            Int($0.timeIntervalSince1970)
        }
        offsetSpan = (seconds, until ?? Int.max / 2, rule.timeZone.secondsFromGMT(for: instant))
        return instant
    }

    private mutating func subDailyDayMatches() -> Bool {
        let day = expander.day(ofPeriod: period)
        if let checkedDay, checkedDay.day == day { return checkedDay.matches }
        let matches = expander.dayMatches(day)
        checkedDay = (day, matches)
        return matches
    }

    private mutating func refill() {
        if expander.isSubDaily, !subDailyDayMatches() {
            // A whole day without a match: jump to the day after it rather than walking its hours or minutes.
            period = expander.firstPeriodOfNextDay(after: period)
            emptyCost += 1
        } else {
            let times = expander.occurrences(inPeriod: period)
            emptyCost = times.isEmpty ? emptyCost + expander.costPerPeriod : 0
            period += rule.interval
            pending = times
        }
        if emptyCost > 2_000_000 { finished = true }
        if pending.isEmpty, let until = rule.until,
            CivilTime(day: expander.firstDay(ofPeriod: period) - 1, second: 0).instant(in: rule.timeZone) > until
        {
            finished = true
        }
    }
}
