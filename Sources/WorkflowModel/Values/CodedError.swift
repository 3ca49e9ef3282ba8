/// What every Stepwise error is: a `code` that tests and callers compare, and a `message` a person reads (also
/// its `description`). Each error type keeps its own `Code` (a closed set of names for its concern).
///
/// ```swift
/// do { try await store.append(entries, instance: id) } catch { if error.code == .busy { retry() } }
/// ```
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    /// The kind of code: a small struct of named static values, one set per error type.
    associatedtype Code: Sendable, Hashable, CustomStringConvertible
    /// What went wrong; stable across messages.
    var code: Code { get }
    /// What went wrong, for a person; names what and where.
    var message: String { get }
}

extension CodedError {
    /// The message.
    public var description: String { message }
}
