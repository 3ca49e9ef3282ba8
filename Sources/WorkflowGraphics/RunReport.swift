import Foundation
import WorkflowEngine
import WorkflowModel

/// One self-contained HTML page about one run: the graph with the path the run took, a timeline of every
/// attempt, each step's rendered inputs, outputs and error, and coverage (steps and edges never exercised).
/// No scripts, fonts or other resources are referenced; all user text is escaped.
public struct RunReport: Sendable {
    /// The workflow's name (the page title).
    public var title: String
    /// The spec version the instance ran.
    public var spec: WorkflowSpec
    /// The instance (status, inputs, outputs, per-step inputs, outputs and errors).
    public var summary: InstanceSummary
    /// Every journal entry of the instance, in order (attempt times).
    public var journal: [JournalEntry]
    /// Whether times are virtual (dry runs, `--virtual-time`).
    public var virtualTime: Bool
    /// Extra lines shown under the header (a dry run's warnings).
    public var notes: [String]

    /// A report of `summary`'s run of `spec`.
    public init(
        title: String, spec: WorkflowSpec, summary: InstanceSummary, journal: [JournalEntry],
        virtualTime: Bool = false, notes: [String] = []
    ) {
        self.title = title
        self.spec = spec
        self.summary = summary
        self.journal = journal
        self.virtualTime = virtualTime
        self.notes = notes
    }

    /// The run laid over the spec.
    public var overlay: RunOverlay { RunOverlay(journal: journal, trigger: summary.trigger) }

    /// The page.
    public func html() -> String {
        let overlay = self.overlay
        let picture = GraphPicture(spec: spec, run: overlay)
        var body: [String] = []
        body.append(header())
        body.append("<section id=\"graph\"><h2>Graph</h2>\(legend())<div class=\"scroll\">")
        body.append(GraphSVG.svg(picture))
        body.append("</div></section>")
        body.append("<section id=\"timeline\"><h2>Timeline</h2>")
        body.append(RunTimeline(overlay: overlay, start: summary.startedAt, end: summary.endedAt).svg())
        body.append("</section>")
        body.append(coverage(picture))
        body.append(stepDetails(overlay))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title)) · \(HTMLText.escape(summary.id))</title>
            <style>\(Self.css)</style></head>
            <body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    func header() -> String {
        let status = summary.status
        let statusClass = status == .succeeded ? "succeeded" : (status == .inProgress ? "running" : "failed")
        var rows: [(String, String)] = [
            ("instance", summary.id), ("trigger", GraphText.triggerTitle(summary.trigger.rawValue)),
            ("started", Self.timestamp(summary.startedAt)),
        ]
        if let end = summary.endedAt {
            rows.append(("duration", RunOverlay.durationText(end.timeIntervalSince(summary.startedAt))))
        }
        if virtualTime { rows.append(("time", "virtual (waits are skipped; durations are what they would be)")) }
        var out = "<header><h1>\(HTMLText.escape(title)) <span class=\"badge \(statusClass)\">"
        out += "\(HTMLText.escape(status.rawValue))</span></h1><table class=\"facts\">"
        for (key, value) in rows {
            out += "<tr><th>\(HTMLText.escape(key))</th><td>\(HTMLText.escape(value))</td></tr>"
        }
        out += "</table>"
        if let error = summary.error {
            let step = error.step.map { " in step \($0)" } ?? ""
            out += "<p class=\"error\">\(HTMLText.escape(error.code))\(HTMLText.escape(step)): "
            out += "\(HTMLText.escape(error.message))</p>"
        }
        for note in notes { out += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        out += "<details><summary>workflow inputs and outputs</summary>"
        out += "<h4>inputs</h4><pre>\(HTMLText.escape(summary.inputs.prettyJSON))</pre>"
        out += "<h4>outputs</h4><pre>\(HTMLText.escape(summary.outputs.prettyJSON))</pre></details>"
        return out + "</header>"
    }

    func legend() -> String {
        var out = "<p class=\"legend\">"
        for state in StepRunState.allCases {
            out += "<span><i style=\"background:\(state.fill);border-color:\(state.stroke)\"></i>"
            out += "\(HTMLText.escape(state.title))</span>"
        }
        out += "<span>dashed edge: error-handler fallback</span><span>grey edge: never taken</span>"
        out += "<span>thick border: merge (ALL/ANY)</span>"
        return out + "</p>"
    }

    func coverage(_ picture: GraphPicture) -> String {
        var out = "<section id=\"coverage\"><h2>Coverage</h2>"
        let notRun = picture.nodes.filter { $0.state == .skipped || $0.state == .notReached }
        out += "<h3>Steps never run (\(notRun.count))</h3>"
        if notRun.isEmpty {
            out += "<p>none: every step ran</p>"
        } else {
            out += "<ul>"
            for node in notRun {
                out += "<li><b>\(HTMLText.escape(node.name))</b> — \(HTMLText.escape(node.state?.title ?? ""))</li>"
            }
            out += "</ul>"
        }
        let dead = picture.edges.filter { $0.taken == false }
        out += "<h3>Edges never taken (\(dead.count))</h3>"
        if dead.isEmpty {
            out += "<p>none: every edge was taken</p>"
        } else {
            out += "<ul>"
            for edge in dead {
                let branch = edge.isFallback ? "on error" : (edge.label ?? "main")
                out += "<li>\(HTMLText.escape(picture.nodes[edge.from].name)) —[\(HTMLText.escape(branch))]→ "
                out += "\(HTMLText.escape(picture.nodes[edge.to].name))</li>"
            }
            out += "</ul>"
        }
        return out + "</section>"
    }

    func stepDetails(_ overlay: RunOverlay) -> String {
        var out = "<section id=\"steps\"><h2>Steps</h2>"
        for step in spec.steps ?? [] {
            let state = overlay.state(of: step.name)
            let stored = summary.step(named: step.name)
            out += "<article class=\"step\"><h3>\(HTMLText.escape(step.name)) "
            out += "<span class=\"badge\" style=\"background:\(state.fill);border-color:\(state.stroke)\">"
            out += "\(HTMLText.escape(state.title))</span> <code>\(HTMLText.escape(step.actionId))</code></h3>"
            let attempts = overlay.attempts(of: step.name)
            if !attempts.isEmpty {
                out += "<table class=\"attempts\"><tr><th>attempt</th><th>at</th><th>took</th><th>outcome</th></tr>"
                for attempt in attempts {
                    let at = RunOverlay.durationText(attempt.start.timeIntervalSince(summary.startedAt))
                    let took = attempt.end.map { RunOverlay.durationText($0.timeIntervalSince(attempt.start)) } ?? "—"
                    out += "<tr><td>\(HTMLText.escape(attempt.label))</td><td>+\(HTMLText.escape(at))</td>"
                    out += "<td>\(HTMLText.escape(took))</td><td>\(HTMLText.escape(attempt.outcome))</td></tr>"
                }
                out += "</table>"
            }
            if let stored {
                if let branch = stored.branch { out += "<p>branch taken: <b>\(HTMLText.escape(branch))</b></p>" }
                if let inputs = stored.inputs {
                    let label = attempts.count > 1 ? "inputs (latest attempt)" : "inputs"
                    out += "<h4>\(label)</h4><pre>\(HTMLText.escape(inputs.prettyJSON))</pre>"
                }
                if Set(attempts.map(\.inputs)).count > 1 {
                    out += "<details><summary>inputs of each attempt</summary>"
                    for attempt in attempts {
                        out +=
                            "<h4>attempt \(HTMLText.escape(attempt.label))</h4><pre>\(HTMLText.escape(attempt.inputs.prettyJSON))</pre>"
                    }
                    out += "</details>"
                }
                if let outputs = stored.outputs {
                    out += "<h4>outputs</h4><pre>\(HTMLText.escape(outputs.prettyJSON))</pre>"
                }
                if let error = stored.error {
                    out += "<h4>error</h4><pre class=\"error\">\(HTMLText.escape(error.code)): "
                    out += "\(HTMLText.escape(error.message)) (\(error.attempts) attempts)</pre>"
                }
            }
            out += "</article>"
        }
        return out + "</section>"
    }

    /// `2027-01-15T08:00:00.000Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static let css = """
        body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#212121;background:#fafafa}
        h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px}
        h3{font-size:15px;margin:12px 0 6px}h4{font-size:12px;margin:8px 0 2px;color:#555}
        section,header{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:12px 16px;margin:0 0 16px}
        .badge{font-size:12px;padding:2px 8px;border-radius:10px;border:1px solid #999;vertical-align:middle}
        .badge.succeeded{background:#c6efce;border-color:#2e7d32}.badge.failed{background:#ffc7ce;border-color:#c62828}
        .badge.running{background:#cfe2ff;border-color:#1565c0}
        .facts th{text-align:left;color:#666;font-weight:normal;padding-right:12px}
        .error{color:#b71c1c}.note{color:#6d4c41}
        pre{background:#f5f5f5;padding:6px 8px;border-radius:4px;white-space:pre-wrap;word-break:break-word;
        font-size:12px;max-height:240px;overflow:auto}
        .scroll{overflow-x:auto}.legend span{margin-right:14px;font-size:12px;white-space:nowrap}
        .legend i{display:inline-block;width:12px;height:12px;border:1px solid;margin-right:4px;vertical-align:middle}
        .attempts{border-collapse:collapse;font-size:12px}.attempts td,.attempts th{border:1px solid #e0e0e0;
        padding:2px 8px;text-align:left}article.step{border-top:1px solid #eee;padding-top:4px}
        """
}
