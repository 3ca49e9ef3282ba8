import Testing
import WorkflowModel

/// Validates spec text and returns the report.
func report(_ text: String) throws -> ValidationReport {
    ValidationReport(validating: try JSONValue.parse(text))
}

/// `(pointer, detail)` pairs of a report's errors.
func errorPairs(_ report: ValidationReport) -> [String] {
    report.errors.map { "\($0.pointer): \($0.detail)" }
}

/// `(pointer, detail)` pairs of a report's warnings.
func warningPairs(_ report: ValidationReport) -> [String] {
    report.warnings.map { "\($0.pointer): \($0.detail)" }
}

/// A spec with a workflowTrigger starting at `start` and the given steps (JSON text).
func spec(start: [String] = ["A"], steps: String, extra: String = "") -> String {
    let starts = start.map { "\"\($0)\"" }.joined(separator: ",")
    return """
        {"triggers": [{"workflowTrigger": {}, "startStepNames": [\(starts)]}], "steps": [\(steps)]\(extra)}
        """
}
