import Foundation
import Synchronization
import WorkflowEngine
import WorkflowStore

/// The bottom line of a run on a terminal: which steps run and wait right now, and how many have settled,
/// redrawn under the event lines as they are printed. Not used when stderr is not a terminal.
final class LiveStatusLine: Sendable {
    private struct State {
        var running: [String] = []
        var waiting: [String] = []
        var settled = 0
        var finished = false
    }

    private let state = Mutex(State())

    /// Escape codes that erase the status line, to write before new event lines.
    static let erase = "\r\u{1B}[2K"

    /// Folds `entries` in and returns the new status line (empty once the instance finished).
    func update(with entries: [JournalEntry]) -> String {
        state.withLock { state in
            for entry in entries {
                switch entry.event {
                case .stepStarted(let step, _, _):
                    state.waiting.removeAll { $0 == step }
                    if !state.running.contains(step) { state.running.append(step) }
                case .stepWaiting(let step, _, _, _):
                    state.running.removeAll { $0 == step }
                    state.waiting.append(step)
                case .stepSucceeded(let step, _, _, _), .stepFailed(let step, _, _, _), .stepCanceled(let step):
                    state.running.removeAll { $0 == step }
                    state.waiting.removeAll { $0 == step }
                    state.settled += 1
                case .stepSkipped:
                    state.settled += 1
                case .instanceFinished:
                    state.finished = true
                case .stepAttemptFailed, .stepAttemptOutputs, .variablesSet, .loopIterationStarted, .stepProcessStarted:
                    break
                }
            }
            guard !state.finished else { return "" }
            var parts = ["\(state.settled) settled"]
            if !state.running.isEmpty { parts.append("running: " + Self.names(state.running)) }
            if !state.waiting.isEmpty { parts.append("waiting: " + Self.names(state.waiting)) }
            return "\u{1B}[2m⟳ " + parts.joined(separator: " · ") + "\u{1B}[0m"
        }
    }

    private static func names(_ steps: [String]) -> String {
        steps.count <= 4
            ? steps.joined(separator: ", ") : steps.prefix(4).joined(separator: ", ") + " +\(steps.count - 4)"
    }
}
