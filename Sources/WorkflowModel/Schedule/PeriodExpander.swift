/// The candidate wall times of one period of a rule: the days of the period that pass the `BY…` filters, times
/// of day from `BYHOUR`×`BYMINUTE`×`BYSECOND` (defaults from `DTSTART`), then `BYSETPOS`.
struct PeriodExpander: Sendable {
    let rule: RecurrenceRule
    let frequency: RecurrenceRule.Frequency
    let months: Set<Int>
    let monthDays: [Int]
    let weekdays: Set<Int>
    let ordinalDays: [RecurrenceRule.WeekdayNumber]
    let hours: [Int]
    let minutes: [Int]
    /// `hours` and `minutes` as lookup tables.
    let hourMask: [Bool]
    let minuteMask: [Bool]
    let seconds: [Int]
    let startDate: (year: Int, month: Int, day: Int)
    /// The day number of the first day of the start's week (per `WKST`).
    let startWeekDay: Int

    init(rule: RecurrenceRule) {
        self.rule = rule
        frequency = rule.frequency
        let start = rule.start
        startDate = start.date
        var months = rule.byMonth
        var monthDays = rule.byMonthDay
        var byDay = rule.byDay
        if rule.byDay.isEmpty && rule.byMonthDay.isEmpty && rule.byYearDay.isEmpty {
            switch rule.frequency {
            case .yearly:
                if months.isEmpty { months = [startDate.month] }
                monthDays = [startDate.day]
            case .monthly: monthDays = [startDate.day]
            case .weekly: byDay = [.init(weekday: CivilTime.weekday(ofDay: start.day))]
            default: break
            }
        }
        self.months = Set(months)
        self.monthDays = monthDays
        weekdays = Set(byDay.filter { $0.ordinal == nil }.map(\.weekday))
        ordinalDays = byDay.filter { $0.ordinal != nil }
        hours = rule.byHour.isEmpty ? (rule.frequency < .hourly ? [start.hour] : Array(0..<24)) : rule.byHour.sorted()
        minutes =
            rule.byMinute.isEmpty
            ? (rule.frequency < .minutely ? [start.minute] : Array(0..<60)) : rule.byMinute.sorted()
        hourMask = (0..<24).map(hours.contains)
        minuteMask = (0..<60).map(minutes.contains)
        seconds = rule.bySecond.isEmpty ? [start.second % 60] : rule.bySecond.sorted()
        let offset = (CivilTime.weekday(ofDay: start.day) - rule.weekStart + 7) % 7
        startWeekDay = start.day - offset
    }

    /// Whether periods are shorter than a day.
    var isSubDaily: Bool { frequency > .daily }

    /// Days an empty period scans, to bound the search for a rule that never matches.
    var costPerPeriod: Int {
        switch frequency {
        case .yearly: 366
        case .monthly: 31
        case .weekly: 7
        case .daily, .hourly, .minutely: 1
        }
    }

    /// Periods to step back from the one holding a date, so wall times repeated by a DST change are not missed.
    var safetyPeriods: Int {
        switch frequency {
        case .yearly, .monthly, .weekly, .daily: 1
        case .hourly: 3
        case .minutely: 180
        }
    }

    /// The day holding sub-daily period `index`.
    func day(ofPeriod index: Int) -> Int {
        let seconds =
            frequency == .hourly ? hourFloor(rule.start) + index * 3_600 : minuteFloor(rule.start) + index * 60
        return Self.floorDivide(seconds, 86_400)
    }

    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    /// The first period index of the next day after period `index`'s day that the interval allows.
    func firstPeriodOfNextDay(after index: Int) -> Int {
        let unit = frequency == .hourly ? 3_600 : 60
        let floor = frequency == .hourly ? hourFloor(rule.start) : minuteFloor(rule.start)
        let nextDay = (dayRange(ofPeriod: index).lowerBound + 1) * 86_400
        let first = (nextDay - floor + unit - 1) / unit
        let interval = rule.interval
        return (first + interval - 1) / interval * interval
    }

    /// The index of the period holding `time`.
    func periodIndex(containing time: CivilTime) -> Int {
        let date = time.date
        switch frequency {
        case .yearly: return date.year - startDate.year
        case .monthly: return (date.year - startDate.year) * 12 + date.month - startDate.month
        case .weekly: return Self.floorDivide(time.day - startWeekDay, 7)
        case .daily: return time.day - rule.start.day
        case .hourly: return (time.wallSeconds - hourFloor(rule.start)) / 3_600
        case .minutely: return (time.wallSeconds - minuteFloor(rule.start)) / 60
        }
    }

    private func hourFloor(_ time: CivilTime) -> Int { time.day * 86_400 + time.hour * 3_600 }
    private func minuteFloor(_ time: CivilTime) -> Int { time.day * 86_400 + time.hour * 3_600 + time.minute * 60 }

    /// The first day (day number) of period `index`, for `UNTIL` checks.
    func firstDay(ofPeriod index: Int) -> Int {
        dayRange(ofPeriod: index).lowerBound
    }

    /// The days of period `index` (for sub-daily frequencies, the day holding it).
    private func dayRange(ofPeriod index: Int) -> Range<Int> {
        switch frequency {
        case .yearly:
            let year = startDate.year + index
            return CivilTime.dayNumber(
                year: year, month: 1, day: 1)..<CivilTime.dayNumber(year: year + 1, month: 1, day: 1)
        case .monthly:
            let months = startDate.year * 12 + startDate.month - 1 + index
            let year = months >= 0 ? months / 12 : (months - 11) / 12
            let month = months - year * 12 + 1
            let first = CivilTime.dayNumber(year: year, month: month, day: 1)
            return first..<first + CivilTime.daysInMonth(year: year, month: month)
        case .weekly: return startWeekDay + 7 * index..<startWeekDay + 7 * index + 7
        case .daily: return rule.start.day + index..<rule.start.day + index + 1
        case .hourly, .minutely:
            let day = day(ofPeriod: index)
            return day..<day + 1
        }
    }

    /// The sorted candidate times of period `index`; for sub-daily periods the caller checked the day already.
    func occurrences(inPeriod index: Int) -> [CivilTime] {
        var times: [CivilTime] = []
        switch frequency {
        case .yearly, .monthly, .weekly, .daily:
            let days = dayRange(ofPeriod: index).filter(dayMatches)
            guard !days.isEmpty else { return [] }
            for day in days {
                for hour in hours {
                    for minute in minutes {
                        for second in seconds {
                            times.append(CivilTime(day: day, second: hour * 3_600 + minute * 60 + second))
                        }
                    }
                }
            }
        case .hourly:
            let base = hourFloor(rule.start) + index * 3_600
            let hour = (base % 86_400 + 86_400) % 86_400 / 3_600
            guard hourMask[hour] else { return [] }
            for minute in minutes {
                for second in seconds { times.append(Self.time(base + minute * 60 + second)) }
            }
        case .minutely:
            let base = minuteFloor(rule.start) + index * 60
            let secondOfDay = (base % 86_400 + 86_400) % 86_400
            guard hourMask[secondOfDay / 3_600], minuteMask[secondOfDay / 60 % 60] else { return [] }
            for second in seconds { times.append(Self.time(base + second)) }
        }
        return applySetPositions(times)
    }

    private static func time(_ wallSeconds: Int) -> CivilTime {
        let day = floorDivide(wallSeconds, 86_400)
        return CivilTime(day: day, second: wallSeconds - day * 86_400)
    }

    private func applySetPositions(_ times: [CivilTime]) -> [CivilTime] {
        guard !rule.bySetPosition.isEmpty else { return times }
        var kept: Set<CivilTime> = []
        for position in rule.bySetPosition {
            let index = position > 0 ? position - 1 : times.count + position
            if times.indices.contains(index) { kept.insert(times[index]) }
        }
        return kept.sorted()
    }

    /// Whether a day passes `BYMONTH`, `BYMONTHDAY`, `BYYEARDAY` and `BYDAY`.
    func dayMatches(_ day: Int) -> Bool {
        let date = CivilTime.civil(fromDay: day)
        if !months.isEmpty && !months.contains(date.month) { return false }
        if !monthDays.isEmpty {
            let length = CivilTime.daysInMonth(year: date.year, month: date.month)
            guard monthDays.contains(where: { $0 > 0 ? $0 == date.day : length + $0 + 1 == date.day }) else {
                return false
            }
        }
        if !rule.byYearDay.isEmpty {
            let first = CivilTime.dayNumber(year: date.year, month: 1, day: 1)
            let length = CivilTime.dayNumber(year: date.year + 1, month: 1, day: 1) - first
            let ordinal = day - first + 1
            guard rule.byYearDay.contains(where: { $0 > 0 ? $0 == ordinal : length + $0 + 1 == ordinal }) else {
                return false
            }
        }
        if weekdays.isEmpty && ordinalDays.isEmpty { return true }
        let weekday = CivilTime.weekday(ofDay: day)
        if weekdays.contains(weekday) { return true }
        return ordinalDays.contains { entry in
            guard entry.weekday == weekday, let ordinal = entry.ordinal else { return false }
            return matchesOrdinal(ordinal, day: day, date: date)
        }
    }

    /// Whether `day` is the `ordinal`-th of its weekday in its month (MONTHLY, or YEARLY with BYMONTH) or year.
    private func matchesOrdinal(_ ordinal: Int, day: Int, date: (year: Int, month: Int, day: Int)) -> Bool {
        let range: Range<Int>
        if frequency == .monthly || (frequency == .yearly && !rule.byMonth.isEmpty) {
            let first = CivilTime.dayNumber(year: date.year, month: date.month, day: 1)
            range = first..<first + CivilTime.daysInMonth(year: date.year, month: date.month)
        } else {
            range =
                CivilTime.dayNumber(
                    year: date.year, month: 1, day: 1)..<CivilTime.dayNumber(year: date.year + 1, month: 1, day: 1)
        }
        if ordinal > 0 { return (day - range.lowerBound) / 7 + 1 == ordinal }
        return (range.upperBound - 1 - day) / 7 + 1 == -ordinal
    }
}
