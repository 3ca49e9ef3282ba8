/// One problem found in a workflow document, with where it is.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The document is refused.
        case error
        /// The document is accepted; the problem is reported.
        case warning
    }

    /// Where the problem is, relative to the document validated.
    public var pointer: JSONPointer
    /// What is wrong, for people.
    public var detail: String
    /// Whether the problem refuses the document.
    public var severity: Severity

    /// Creates an issue.
    public init(pointer: JSONPointer, detail: String, severity: Severity = .error) {
        self.pointer = pointer
        self.detail = detail
        self.severity = severity
    }

    /// An error at `pointer`.
    public static func error(_ pointer: JSONPointer, _ detail: String) -> ValidationIssue {
        ValidationIssue(pointer: pointer, detail: detail, severity: .error)
    }

    /// A warning at `pointer`.
    public static func warning(_ pointer: JSONPointer, _ detail: String) -> ValidationIssue {
        ValidationIssue(pointer: pointer, detail: detail, severity: .warning)
    }

    /// The same issue placed below `prefix` (`/data/attributes/spec` + `/steps/0/name`).
    public func prefixed(by prefix: JSONPointer) -> ValidationIssue {
        ValidationIssue(pointer: pointer.prefixed(by: prefix), detail: detail, severity: severity)
    }

    /// `/steps/0/name: step name must not be empty`, with `warning: ` before warnings' details.
    public var description: String {
        "\(pointer): \(severity == .warning ? "warning: " : "")\(detail)"
    }
}

extension [ValidationIssue] {
    /// The issues placed below `prefix`.
    public func prefixed(by prefix: JSONPointer) -> [ValidationIssue] {
        map { $0.prefixed(by: prefix) }
    }
}
