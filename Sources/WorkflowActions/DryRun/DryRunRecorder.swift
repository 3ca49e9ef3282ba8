import Synchronization

/// What a dry run's mocked actions noticed: which mock served each step, and warnings (no mock, an action
/// that is not available here). Shared by the mocks of one run; read when the run ended.
public final class DryRunRecorder: Sendable {
    private struct State {
        var sources: [String: MockBook.Source] = [:]
        var warnings: [String] = []
        /// The same warnings, to keep each once without searching the list.
        var seen: Set<String> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Adds a warning once (the same text twice is kept once).
    public func warn(_ message: String) {
        state.withLock { state in
            if state.seen.insert(message).inserted { state.warnings.append(message) }
        }
    }

    func record(step: String, source: MockBook.Source) {
        state.withLock { $0.sources[step] = source }
    }

    /// Warnings in the order they were first given.
    public var warnings: [String] { state.withLock { $0.warnings } }

    /// Where each mocked step's result came from, by step name (steps that ran for real are absent).
    public var sources: [String: MockBook.Source] { state.withLock { $0.sources } }
}
