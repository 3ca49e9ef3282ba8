import Hummingbird

/// The request context of the server's routes: Hummingbird's core storage with the server's body limit.
public struct ServerRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage

    /// Creates a context for a request from `source`.
    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are read explicitly with the configured limit (``ServerConfiguration/maxBodySize``).
    public var maxUploadSize: Int { ServerConfiguration.defaultMaxBodySize }
}
