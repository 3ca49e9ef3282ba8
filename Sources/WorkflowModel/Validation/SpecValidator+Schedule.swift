extension SpecValidator {
    /// A schedule trigger's `rruleExpression` must parse; `overlapBehavior` must be a known behaviour.
    mutating func checkSchedule(_ trigger: Trigger, index: Int) {
        guard trigger.kind == .schedule else { return }
        if let expression = trigger.options.rruleExpression {
            do {
                _ = try RecurrenceRule(parsing: expression)
            } catch {
                self.error(
                    at("triggers", String(index), "scheduleTrigger", "rruleExpression"),
                    "invalid recurrence rule: \(error.message)")
            }
        }
        if let overlap = trigger.options.extra["overlapBehavior"], ScheduleOverlap(overlap) == nil {
            self.error(
                at("triggers", String(index), "scheduleTrigger", "overlapBehavior"),
                "overlapBehavior must be \"EXCLUSIVE_RUN\" or \"OVERLAP_ALLOWED\"")
        }
    }
}

/// What a schedule does when an occurrence comes while its previous run still goes.
public enum ScheduleOverlap: String, Sendable, Hashable {
    /// Skip the occurrence (the default).
    case exclusiveRun = "EXCLUSIVE_RUN"
    /// Start another run anyway.
    case overlapAllowed = "OVERLAP_ALLOWED"

    /// The behaviour a JSON value names, or `nil`.
    public init?(_ value: JSONValue) {
        guard let text = value.stringValue, let overlap = ScheduleOverlap(rawValue: text) else { return nil }
        self = overlap
    }

    /// A schedule trigger's behaviour (`EXCLUSIVE_RUN` when unset or unknown).
    public init(trigger: Trigger) {
        self = trigger.options.extra["overlapBehavior"].flatMap { ScheduleOverlap($0) } ?? .exclusiveRun
    }
}
