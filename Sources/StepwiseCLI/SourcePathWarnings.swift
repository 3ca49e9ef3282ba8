import WorkflowModel

/// The dry-run warnings about `Source.…` and `Trigger.…` paths that the run's event and inputs do not have:
/// such a template renders as `null` (or nothing), which is rarely what the author meant.
enum SourcePathWarnings {
    /// One warning per distinct (step, path) whose value is missing from `source` (for `Source`) or `inputs`
    /// (for `Trigger`).
    static func warnings(for spec: WorkflowSpec, source: JSONValue, inputs: [String: JSONValue]) -> [String] {
        let trigger = JSONValue.object(inputs)
        var seen: Set<String> = []
        var warnings: [String] = []
        for use in SpecTemplatePaths.all(in: spec) {
            let what: String
            switch use.path.root {
            case .source:
                guard source.value(at: use.path.components) == nil else { continue }
                what = "the trigger event does not have it"
            case .trigger:
                guard trigger.value(at: use.path.components) == nil else { continue }
                what = "the inputs do not have it"
            default:
                continue
            }
            let reader = use.step.map { "step \"\($0)\"" } ?? "the workflow outputs"
            let warning = "\(reader) reads \(use.path.text), but \(what) (it renders as null)"
            if seen.insert(warning).inserted { warnings.append(warning) }
        }
        return warnings
    }
}
