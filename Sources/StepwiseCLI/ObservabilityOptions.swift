import ArgumentParser
import Logging

/// `--log-format` and `--log-level`, shared by every command that runs workflows (docs/observability.md).
struct ObservabilityOptions: ParsableArguments {
    /// How log lines are written on stderr.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// `2026-12-06T05:30:00+0000 info stepwise : message key=value`.
        case text
        /// One JSON object per line, with `trace_id`/`span_id` inside a span.
        case json
    }

    @Option(help: "Log lines on stderr as text or json (one object per line, with trace_id/span_id in a span).")
    var logFormat: LogFormat = .text

    @Option(help: "The lowest level logged: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
