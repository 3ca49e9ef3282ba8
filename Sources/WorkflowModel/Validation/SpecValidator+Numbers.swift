extension SpecValidator {
    /// The action whose `durationSeconds` parameter is a wait.
    static let sleepAction = "com.datadoghq.core.sleep"

    /// Bounds the numbers of step parameters that are times: a `core.sleep` `durationSeconds` written as a
    /// number must be from 0 to the 7-day instance limit (a template is checked when it renders).
    mutating func checkParameterNumbers() {
        for (index, step) in (spec.steps ?? []).enumerated() where step.actionId == Self.sleepAction {
            for (number, parameter) in (step.parameters ?? []).enumerated() where parameter.name == "durationSeconds" {
                guard case .number(let seconds) = parameter.value, seconds.isFinite else { continue }
                if seconds < 0 || seconds > Double(SpecDuration.maximumSeconds) {
                    error(
                        at("steps", String(index), "parameters", String(number), "value"),
                        "durationSeconds must be from 0 to \(SpecDuration.maximumSeconds) (the 7-day instance limit), got \(JSONValue.format(number: seconds))"
                    )
                }
            }
        }
    }
}
