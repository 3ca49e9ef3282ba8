/// Logs, metrics or traces could not be set up.
struct ObservabilityError: Error, CustomStringConvertible {
    /// What failed.
    enum Code: String, Sendable {
        /// The OpenTelemetry settings (`OTEL_*`) were refused.
        case tracing
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
