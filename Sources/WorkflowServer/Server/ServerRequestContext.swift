import Hummingbird

/// The request context of the server's routes: Hummingbird's core storage with the server's body limit, and
/// who made the request.
public struct ServerRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The name of the key the request presented, once checked (`nil` when the server asks for no keys).
    public var keyName: String?
    /// Where a route records the id it created, for the audit trail (set on audited routes only).
    var auditTarget: AuditTarget?

    /// Creates a context for a request from `source`.
    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are read explicitly with the configured limit (``ServerConfiguration/maxBodySize``).
    public var maxUploadSize: Int { ServerConfiguration.defaultMaxBodySize }
}
