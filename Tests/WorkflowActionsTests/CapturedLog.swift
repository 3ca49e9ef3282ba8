import Logging
import Synchronization

/// A log handler that keeps every message and its metadata as text, at every level, for tests that check
/// what reaches the logs.
struct CapturedLog: LogHandler {
    final class Lines: Sendable {
        let value = Mutex<[String]>([])
        var all: String { value.withLock { $0.joined(separator: "\n") } }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.value.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }

    /// A logger writing into `lines`.
    static func logger(into lines: Lines) -> Logger {
        Logger(label: "captured") { _ in CapturedLog(lines: lines) }
    }
}
