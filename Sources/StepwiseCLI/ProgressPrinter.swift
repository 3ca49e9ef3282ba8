import Foundation
import Synchronization
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// Prints each journal event of a run as one line on stderr (coloured on a terminal).
struct ProgressPrinter: Sendable {
    let started: Date
    let colour = isatty(STDERR_FILENO) == 1
    /// Whether lines name their instance (several instances run at once).
    let namesInstances: Bool
    /// On a terminal (one instance): a status line under the events, redrawn as they come.
    let status: LiveStatusLine?
    /// The first instance printed (the run's own); lines of others (child workflows) name their instance.
    private let first = FirstInstance()

    /// - Parameters:
    ///   - namesInstances: prefix each line with its instance (several instances run at once).
    ///   - started: times are printed relative to it (a virtual start for dry runs).
    init(namesInstances: Bool = false, started: Date = Date()) {
        self.namesInstances = namesInstances
        self.started = started
        self.status = isatty(STDERR_FILENO) == 1 && !namesInstances ? LiveStatusLine() : nil
    }

    /// Makes `instance` the run's own (its lines are not prefixed) before anything is printed: a child's events
    /// may be committed before its parent's first ones are printed.
    func expect(_ instance: String) {
        first.pin(instance)
    }

    func print(_ entries: [JournalEntry], instance: String) {
        var text = ""
        let prefix = namesInstances || !first.isFirst(instance) ? "[\(instance.prefix(8))] " : ""
        for entry in entries {
            guard let line = line(for: entry.event, at: entry.time) else { continue }
            text += prefix + line + "\n"
        }
        if let status {
            text = LiveStatusLine.erase + text + status.update(with: entries)
        }
        if !text.isEmpty { FileHandle.standardError.writeToConsole(Data(text.utf8)) }
    }

    private func line(for event: InstanceEvent, at time: Date) -> String? {
        let clock = String(format: "%8.3fs", time.timeIntervalSince(started))
        switch event {
        case .stepStarted(let step, let attempt, _):
            return "\(clock) \(paint("▶", 36)) \(step)" + (attempt > 1 ? " (attempt \(attempt))" : "")
        case .stepAttemptFailed(let step, let attempt, let failure):
            return "\(clock) \(paint("!", 33)) \(step) attempt \(attempt) failed: \(failure.message)"
        case .stepWaiting(let step, _, let reason, let delay):
            let why = reason == .completionGate ? "completion condition not met yet" : "retrying after a failure"
            return "\(clock) \(paint("…", 33)) \(step) waits \(delay.components.seconds)s (\(why))"
        case .stepSucceeded(let step, _, _, let branch):
            return "\(clock) \(paint("✔", 32)) \(step)" + (branch == "main" ? "" : " → \(branch)")
        case .stepFailed(let step, _, let failure, let recovered):
            return "\(clock) \(paint("✘", 31)) \(step) failed: \(failure.message)" + (recovered ? " (fallback)" : "")
        case .stepSkipped(let step):
            return "\(clock) \(paint("-", 90)) \(step) skipped"
        case .stepCanceled(let step):
            return "\(clock) \(paint("■", 31)) \(step) canceled"
        case .variablesSet, .stepAttemptOutputs, .stepProcessStarted:
            return nil
        case .loopIterationStarted(let step, let index, _):
            return "\(clock) \(paint("↻", 36)) \(step) iteration \(index)"
        case .instanceFinished(let status, _, let error):
            let tint = status == .succeeded ? 32 : 31
            return "\(clock) \(paint("instance \(status.rawValue)", tint))" + (error.map { ": \($0.message)" } ?? "")
        }
    }

    private func paint(_ text: String, _ code: Int) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Remembers the first instance a printer saw.
private final class FirstInstance: Sendable {
    private let id = Mutex<String?>(nil)

    /// Whether `instance` is the first one seen (it becomes it when none was seen yet).
    func isFirst(_ instance: String) -> Bool {
        id.withLock { first in
            if first == nil { first = instance }
            return first == instance
        }
    }

    /// Makes `instance` the first one, whatever was seen.
    func pin(_ instance: String) {
        id.withLock { $0 = instance }
    }
}
