import Foundation

/// A Gantt-style chart of every attempt of every step: one row per attempt, a bar from its start to its end
/// coloured by its outcome, and the wait before the next attempt as a light bar.
struct RunTimeline {
    let overlay: RunOverlay
    let start: Date
    let end: Date?

    static let labelWidth = 210.0
    static let chartWidth = 640.0
    static let rowHeight = 22.0
    static let top = 28.0

    func svg() -> String {
        let attempts = overlay.attempts
        guard !attempts.isEmpty else { return "<p>No step started.</p>" }
        var last = end ?? start
        for attempt in attempts {
            last = max(last, attempt.end ?? attempt.start, attempt.waitUntil ?? attempt.start)
        }
        let axis = Self.axis(span: max(last.timeIntervalSince(start), 0.001))
        let span = axis.end
        let scale = Self.chartWidth / span
        let height = Self.top + Double(attempts.count) * Self.rowHeight + 8
        let width = Self.labelWidth + Self.chartWidth + 90
        var out = [
            "<svg class=\"timeline\" width=\"\(GraphSVG.format(width))\" height=\"\(GraphSVG.format(height))\" "
                + "viewBox=\"0 0 \(GraphSVG.format(width)) \(GraphSVG.format(height))\" "
                + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">"
        ]
        for tick in 0...axis.ticks {
            let x = Self.labelWidth + Self.chartWidth * Double(tick) / Double(axis.ticks)
            let label = tick == 0 ? "0" : "+" + RunOverlay.durationText(axis.step * Double(tick))
            out.append(
                "<line x1=\"\(GraphSVG.format(x))\" y1=\"18\" x2=\"\(GraphSVG.format(x))\" "
                    + "y2=\"\(GraphSVG.format(height - 4))\" stroke=\"#e0e0e0\"/>"
                    + "<text x=\"\(GraphSVG.format(x))\" y=\"12\" text-anchor=\"middle\" fill=\"#757575\">"
                    + "\(HTMLText.escape(label))</text>")
        }
        for (row, attempt) in attempts.enumerated() {
            let y = Self.top + Double(row) * Self.rowHeight
            let x0 = Self.labelWidth + attempt.start.timeIntervalSince(start) * scale
            let x1 = Self.labelWidth + (attempt.end ?? last).timeIntervalSince(start) * scale
            let barWidth = max(x1 - x0, 3)
            let (fill, stroke) = Self.colours(attempt.outcome)
            let name = attempt.step.count > 26 ? String(attempt.step.prefix(25)) + "…" : attempt.step
            let took = attempt.end.map { RunOverlay.durationText($0.timeIntervalSince(attempt.start)) } ?? "running"
            let tip = "\(attempt.step) attempt \(attempt.label): \(attempt.outcome) (\(took))"
            let labelX = GraphSVG.format(Self.labelWidth - 8)
            var line = "<g class=\"attempt\"><title>\(HTMLText.escape(tip))</title>"
            line += "<text x=\"\(labelX)\" y=\"\(GraphSVG.format(y + 14))\" text-anchor=\"end\">"
            line += "\(HTMLText.escape(name)) \(HTMLText.escape(attempt.label))</text>"
            if let waitUntil = attempt.waitUntil, let ended = attempt.end {
                let wx0 = Self.labelWidth + ended.timeIntervalSince(start) * scale
                let wx1 = Self.labelWidth + waitUntil.timeIntervalSince(start) * scale
                line += "<rect x=\"\(GraphSVG.format(wx0))\" y=\"\(GraphSVG.format(y + 8))\" "
                line += "width=\"\(GraphSVG.format(max(wx1 - wx0, 1)))\" height=\"6\" fill=\"#eceff1\" "
                line += "stroke=\"#b0bec5\" stroke-dasharray=\"2 2\"/>"
            }
            line += "<rect x=\"\(GraphSVG.format(x0))\" y=\"\(GraphSVG.format(y + 4))\" "
            line +=
                "width=\"\(GraphSVG.format(barWidth))\" height=\"14\" rx=\"3\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
            line += "<text x=\"\(GraphSVG.format(x0 + barWidth + 4))\" y=\"\(GraphSVG.format(y + 15))\" "
            line += "fill=\"#616161\">\(HTMLText.escape(took))</text></g>"
            out.append(line)
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Tick spacings a reader counts in: 1, 2, 5 × powers of ten below a second, then 1, 2, 5, 10, 15, 30
    /// seconds, minutes and hours, then days.
    static let tickSteps: [Double] = {
        let subsecond = (-3...(-1)).flatMap { power in [1.0, 2, 5].map { $0 * pow(10, Double(power)) } }
        let seconds: [Double] = [1, 2, 5, 10, 15, 30]
        let hours: [Double] = [1, 2, 3, 6, 12].map { $0 * 3_600 }
        let days: [Double] = [1, 2, 7, 14, 28].map { $0 * 86_400 }
        return subsecond + seconds + seconds.map { $0 * 60 } + hours + days
    }()

    /// The axis for a run of `span` seconds: at most 5 intervals of a round `step`, the axis ending on the first
    /// tick at or after `span` (`end` = `ticks` × `step`).
    static func axis(span: Double) -> (step: Double, ticks: Int, end: Double) {
        let step =
            tickSteps.first { span / $0 <= 5 }
            ?? (span / 5 / 86_400).rounded(.up) * 86_400
        let ticks = max(Int((span / step - 1e-9).rounded(.up)), 1)
        return (step, ticks, step * Double(ticks))
    }

    static func colours(_ outcome: String) -> (String, String) {
        let state: StepRunState
        if outcome.hasPrefix("succeeded") {
            state = .succeeded
        } else if outcome.hasPrefix("failed") {
            state = .failed
        } else if outcome == "condition not met" || outcome == "waiting" {
            state = .recovered
        } else if outcome == "canceled" {
            state = .canceled
        } else {
            state = .running
        }
        return (state.fill, state.stroke)
    }
}
