import WorkflowActions
import WorkflowModel

extension DryRunReport {
    /// The report as `--json` prints it beside the instance (`"dryRun"`): `{steps, coverage: {stepsNotRun,
    /// edgesNotTaken}, warnings}`; times are virtual seconds since the instance started.
    public var json: JSONValue {
        let steps: [JSONValue] = self.steps.map { step in
            var members: [String: JSONValue] = [
                "name": .string(step.name), "actionId": .string(step.actionId), "state": .string(step.state),
                "mocked": .bool(step.mock != nil), "inputs": step.inputs,
                "outputs": step.outputs ?? .null, "branch": step.branch.map(JSONValue.string) ?? .null,
                "error": step.error.map(JSONValue.string) ?? .null,
                "attempts": .array(
                    step.attempts.map { attempt in
                        [
                            "attempt": .number(Double(attempt.number)), "at": .number(Self.seconds(attempt.at)),
                            "inputs": attempt.inputs, "outcome": .string(attempt.outcome),
                        ]
                    }),
            ]
            if let source = step.mock { members["mockSource"] = .string(source.rawValue) }
            if let iteration = step.iteration { members["iteration"] = .number(Double(iteration)) }
            return .object(members)
        }
        let edges: [JSONValue] = edgesNotTaken.map { edge in
            [
                "from": .string(edge.from), "to": .string(edge.to),
                "branch": edge.branch.map(JSONValue.string) ?? .null, "fallback": .bool(edge.branch == nil),
            ]
        }
        return [
            "steps": .array(steps),
            "coverage": ["stepsNotRun": .array(stepsNotRun.map(JSONValue.string)), "edgesNotTaken": .array(edges)],
            "warnings": .array(warnings.map(JSONValue.string)),
        ]
    }

    /// The report for people (what `stepwise run --dry-run` prints on stderr).
    public var text: String {
        var lines = ["", "dry run report (times are virtual)"]
        for step in steps {
            let how: String
            switch step.mock {
            case .step?: how = "mocked by step name"
            case .action?: how = "mocked by action id"
            case .none?: how = "no mock: {}"
            case nil: how = "ran"
            }
            let name = step.iteration.map { "\(step.name) (iteration \($0))" } ?? step.name
            lines.append("  \(name)  \(step.state)  [\(step.actionId), \(how)]")
            lines.append("    inputs:  \(step.inputs.compactJSON)")
            for attempt in step.attempts {
                lines.append("    attempt \(attempt.number) at +\(Self.text(attempt.at)): \(attempt.outcome)")
            }
            if let outputs = step.outputs { lines.append("    outputs: \(outputs.compactJSON)") }
            if let branch = step.branch { lines.append("    branch:  \(branch)") }
            if let error = step.error { lines.append("    error:   \(error)") }
        }
        lines.append("coverage")
        lines.append(
            "  steps never run: " + (stepsNotRun.isEmpty ? "none" : stepsNotRun.joined(separator: ", ")))
        lines.append("  edges never taken:" + (edgesNotTaken.isEmpty ? " none" : ""))
        for edge in edgesNotTaken {
            lines.append("    \(edge.from) -[\(edge.branch ?? "fallback")]-> \(edge.to)")
        }
        if !warnings.isEmpty {
            lines.append("warnings")
            lines += warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
