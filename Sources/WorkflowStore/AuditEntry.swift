import Foundation

/// One recorded change made through the API: who (the key's name), when, what (method and path), on what (the
/// workflow or instance id) and how it ended (the HTTP status).
public struct AuditEntry: Sendable, Hashable {
    /// The store's sequence number, rising with each entry (`0` before it is recorded).
    public var sequence: Int
    /// When the request was answered.
    public var time: Date
    /// The name of the key that made the request; `nil` when the server asks for no keys.
    public var keyName: String?
    /// The HTTP method (`POST`, `PATCH`, `DELETE`, `PUT`).
    public var method: String
    /// The request's path, as sent (`/api/v2/workflows/{id}/instances`).
    public var route: String
    /// The workflow or instance the request acted on (for a create or an execute, the new one); `nil` when the
    /// request was refused before one was known.
    public var target: String?
    /// The HTTP status of the answer.
    public var status: Int

    /// Creates an entry.
    public init(
        sequence: Int = 0, time: Date, keyName: String?, method: String, route: String, target: String?, status: Int
    ) {
        self.sequence = sequence
        self.time = time
        self.keyName = keyName
        self.method = method
        self.route = route
        self.target = target
        self.status = status
    }
}
