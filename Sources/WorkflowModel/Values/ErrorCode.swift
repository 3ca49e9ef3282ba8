/// The code of a ``CodedError``: a stable name (`NOT_FOUND`, `RATE_LIMITED`) that tests and callers compare.
/// `Domain` is the error type it belongs to, so each error has its own closed set of codes:
///
/// ```swift
/// public struct StoreError: CodedError {
///     public typealias Code = ErrorCode<StoreError>
///     …
/// }
/// extension ErrorCode where Domain == StoreError {
///     public static let notFound = Self("NOT_FOUND")
/// }
/// ```
public struct ErrorCode<Domain>: Sendable, Hashable, CustomStringConvertible {
    private let name: String

    /// A code named `name` (upper snake case, as it appears in messages and API bodies).
    public init(_ name: String) {
        self.name = name
    }

    /// The name.
    public var description: String { name }
}
