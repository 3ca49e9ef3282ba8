import Foundation
import WorkflowEngine
import WorkflowModel

/// What became of a step in a run, as the pictures colour it.
public enum StepRunState: String, Sendable, Hashable, CaseIterable {
    case succeeded
    case failed
    /// Failed, and its error handler's fallback edge was taken.
    case recovered
    case canceled
    case skipped
    /// Running or waiting when the picture was made.
    case running
    /// Never started nor skipped (unreachable from the fired trigger, or the run ended first).
    case notReached

    /// A word for legends and labels.
    public var title: String {
        switch self {
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .recovered: return "recovered by fallback"
        case .canceled: return "canceled"
        case .skipped: return "skipped"
        case .running: return "running"
        case .notReached: return "never reached"
        }
    }

    /// Fill colour.
    public var fill: String {
        switch self {
        case .succeeded: return "#c6efce"
        case .failed: return "#ffc7ce"
        case .recovered: return "#ffe0a3"
        case .canceled: return "#d9d9d9"
        case .skipped: return "#f2f2f2"
        case .running: return "#cfe2ff"
        case .notReached: return "#ffffff"
        }
    }

    /// Border colour.
    public var stroke: String {
        switch self {
        case .succeeded: return "#2e7d32"
        case .failed: return "#c62828"
        case .recovered: return "#ef6c00"
        case .canceled: return "#616161"
        case .skipped: return "#9e9e9e"
        case .running: return "#1565c0"
        case .notReached: return "#bdbdbd"
        }
    }
}

/// One attempt of a step in a run, with its times.
public struct AttemptSpan: Sendable, Hashable {
    /// The step's name.
    public var step: String
    /// 1 for the first.
    public var number: Int
    /// When it started.
    public var start: Date
    /// When it ended; `nil` while it runs.
    public var end: Date?
    /// `succeeded`, `failed`, `condition not met`, `canceled`, `running`.
    public var outcome: String
    /// The rendered inputs of this attempt.
    public var inputs: JSONValue
    /// The wait after this attempt, before the next (retry or completion gate).
    public var waitUntil: Date?
    /// The loop iteration (from 0) of a loop body step's attempt, else `nil`.
    public var iteration: Int? = nil

    /// `#2`, or `[1] #2` for attempt 2 in iteration 1 of a loop.
    public var label: String { (iteration.map { "[\($0)] " } ?? "") + "#\(number)" }
}

/// A run laid over a spec: per step its state and attempts, and which edges were taken. Built from the journal.
public struct RunOverlay: Sendable, Hashable {
    /// The trigger that fired.
    public var trigger: TriggerKind?
    /// Every attempt, in the order they started.
    public var attempts: [AttemptSpan]
    /// The final outcome of each step that settled, by name: branch taken, or fallback.
    private var states: [String: StepRunState]
    private var branches: [String: String]
    private var recoveredSteps: Set<String>

    /// Folds `journal` (every entry of one instance, in order).
    public init(journal: [JournalEntry], trigger: TriggerKind?) {
        self.trigger = trigger
        var attempts: [AttemptSpan] = []
        var open: [String: Int] = [:]
        var states: [String: StepRunState] = [:]
        var branches: [String: String] = [:]
        var recovered: Set<String> = []
        var iterations: [String: Int] = [:]
        func close(_ step: String, _ time: Date, _ outcome: String) {
            guard let index = open[step], attempts[index].end == nil else { return }
            attempts[index].end = time
            attempts[index].outcome = outcome
        }
        for entry in journal {
            let time = entry.time
            switch entry.event {
            case .stepStarted(let step, let attempt, let inputs):
                if let index = open[step], attempts[index].waitUntil == nil, attempts[index].end != nil,
                    attempts[index].iteration == iterations[step]
                {
                    attempts[index].waitUntil = time
                }
                open[step] = attempts.count
                attempts.append(
                    AttemptSpan(
                        step: step, number: attempt, start: time, outcome: "running", inputs: .object(inputs),
                        iteration: iterations[step]))
                states[step] = .running
            case .stepAttemptFailed(let step, _, let failure):
                close(step, time, "failed: \(failure.message)")
            case .stepAttemptOutputs(let step, _, _, _):
                close(step, time, "condition not met")
            case .stepWaiting(let step, _, _, _):
                close(step, time, "waiting")
                states[step] = .running
            case .stepSucceeded(let step, _, _, let branch):
                close(step, time, branch == "main" ? "succeeded" : "succeeded → \(branch)")
                states[step] = .succeeded
                branches[step] = branch
            case .stepFailed(let step, _, let failure, let isRecovered):
                close(step, time, "failed: \(failure.message)")
                states[step] = isRecovered ? .recovered : .failed
                if isRecovered { recovered.insert(step) }
            case .stepSkipped(let step):
                states[step] = .skipped
            case .stepCanceled(let step):
                close(step, time, "canceled")
                states[step] = .canceled
            case .loopIterationStarted(_, let index, let body):
                for name in body { iterations[name] = index }
            case .variablesSet, .instanceFinished, .stepProcessStarted:
                break
            }
        }
        self.attempts = attempts
        self.states = states
        self.branches = branches
        self.recoveredSteps = recovered
    }

    /// The state of step `name`.
    public func state(of name: String) -> StepRunState { states[name] ?? .notReached }

    /// The attempts of step `name`.
    public func attempts(of name: String) -> [AttemptSpan] { attempts.filter { $0.step == name } }

    /// `2 attempts · 1.5s` for a step that ran; `nil` otherwise.
    public func note(for name: String) -> String? {
        let spans = attempts(of: name)
        guard let first = spans.first else { return nil }
        let count = spans.count == 1 ? "1 attempt" : "\(spans.count) attempts"
        guard let end = spans.last?.end else { return count }
        return count + " · " + Self.durationText(end.timeIntervalSince(first.start))
    }

    /// Edge ids of `graph` the run took.
    public func takenEdges(in graph: WorkflowGraph) -> Set<Int> {
        var taken: Set<Int> = []
        for (id, edge) in graph.edges.enumerated() {
            let from = graph.names[edge.from]
            if let branch = edge.branch {
                if branches[from] == branch { taken.insert(id) }
            } else if recoveredSteps.contains(from) {
                taken.insert(id)
            }
        }
        return taken
    }

    /// `0.4ms`, `250ms`, `1.5s`, `12s`, `3m 4s`.
    public static func durationText(_ seconds: TimeInterval) -> String {
        let millis = Int((max(seconds, 0) * 1000).rounded())
        if seconds < 0.0095 {
            let tenths = Int((max(seconds, 0) * 10_000).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10)ms" : "\(tenths / 10).\(tenths % 10)ms"
        }
        if millis < 1000 { return "\(millis)ms" }
        if seconds < 10 {
            if millis % 1000 == 0 { return "\(millis / 1000)s" }
            let text = String(format: "%.2f", Double(millis) / 1000)
            return text.replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression) + "s"
        }
        if seconds < 60 { return "\(Int(seconds.rounded()))s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60)m \(whole % 60)s" }
        return "\(whole / 3600)h \(whole / 60 % 60)m"
    }
}
