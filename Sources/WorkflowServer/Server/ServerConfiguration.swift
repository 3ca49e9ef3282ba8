/// How `stepwise serve` listens and whom it lets in.
public struct ServerConfiguration: Sendable, Hashable {
    /// The address to bind (`127.0.0.1` by default).
    public var host: String
    /// The TCP port (`8126` by default; `0` picks a free one).
    public var port: Int
    /// The `DD-API-KEY` every request must carry, when set.
    public var apiKey: String?
    /// The `DD-APPLICATION-KEY` every request must carry, when set.
    public var applicationKey: String?
    /// The largest request body accepted, in bytes (1 MiB by default); larger bodies get 413.
    public var maxBodySize: Int
    /// How long a `…/stream` response may stay silent before a `: keep-alive` comment is sent (15 s by default).
    public var streamKeepAlive: Duration
    /// How long a connection may send nothing — before or between requests, or in the middle of one — before
    /// it is closed (30 s by default).
    public var readTimeout: Duration
    /// How long one request may take to arrive, from its first header line to the end of its body, before
    /// the connection is closed (60 s by default).
    public var requestTimeout: Duration
    /// The most connections open at once; further ones are closed as soon as they are accepted (512 by default).
    public var maxConnections: Int
    /// A keys file naming several keys with their scopes (docs/security.md); replaces `apiKey`/`applicationKey`.
    public var keysFile: String?
    /// The PEM certificate chain and private key to serve HTTPS with; `nil`: plain HTTP.
    public var tls: TLSFiles?
    /// Whether plain HTTP is accepted on an address other than loopback (a proxy in front terminates TLS).
    public var insecureHTTP: Bool

    /// The files of the TLS certificate chain and its private key.
    public struct TLSFiles: Sendable, Hashable {
        /// The PEM certificate chain: the server's certificate first, then intermediates.
        public var certificatePath: String
        /// The PEM private key of the certificate.
        public var keyPath: String

        /// Names the two files.
        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    /// How long the audit trail is kept (``AuditRetention``: 90 days and 1,000,000 entries unless set).
    public var auditRetention = AuditRetention()

    /// The default body limit: 1 MiB.
    public static let defaultMaxBodySize = 1 << 20
    /// The default cap on open connections: 512.
    public static let defaultMaxConnections = 512

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8126, apiKey: String? = nil, applicationKey: String? = nil,
        maxBodySize: Int = ServerConfiguration.defaultMaxBodySize, streamKeepAlive: Duration = .seconds(15),
        readTimeout: Duration = .seconds(30), requestTimeout: Duration = .seconds(60),
        maxConnections: Int = ServerConfiguration.defaultMaxConnections, keysFile: String? = nil,
        tls: TLSFiles? = nil, insecureHTTP: Bool = false
    ) {
        self.host = host
        self.port = port
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.applicationKey = applicationKey.flatMap { $0.isEmpty ? nil : $0 }
        self.maxBodySize = maxBodySize
        self.streamKeepAlive = streamKeepAlive
        self.readTimeout = readTimeout
        self.requestTimeout = requestTimeout
        self.maxConnections = maxConnections
        self.keysFile = keysFile
        self.tls = tls
        self.insecureHTTP = insecureHTTP
    }

    /// Whether any key is configured (then requests must present it).
    public var requiresKeys: Bool { keysFile != nil || apiKey != nil || applicationKey != nil }

    /// Whether `host` is a loopback address (`127.x.x.x`, `::1`, `localhost`).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Refuses a configuration that would expose an unauthenticated server, or keys in clear text, beyond this
    /// machine.
    /// - Throws: ``ServerError`` `insecureBind` when no key is configured and `host` is not loopback,
    ///   `plainHTTP` when `host` is not loopback and neither TLS nor `insecureHTTP` is set, `invalidKeys` when
    ///   both a keys file and single keys are given.
    public func check() throws(ServerError) {
        if !requiresKeys && !isLoopback {
            throw ServerError(
                .insecureBind,
                "refusing to listen on \(host) without API keys: give --keys FILE, or --api-key and --app-key (or "
                    + "DD_API_KEY and DD_APP_KEY), or listen on 127.0.0.1")
        }
        if tls == nil && !insecureHTTP && !isLoopback {
            throw ServerError(
                .plainHTTP,
                "refusing to serve plain HTTP on \(host): keys and workflows would cross the network in clear text; "
                    + "give --tls-cert and --tls-key, or --insecure-http when a proxy in front of stepwise "
                    + "terminates TLS")
        }
        if keysFile != nil && (apiKey != nil || applicationKey != nil) {
            throw ServerError(.invalidKeys, "give either --keys or --api-key/--app-key, not both")
        }
        if !(0...65_535).contains(port) {
            throw ServerError(.invalidPort, "port \(port) is not between 0 and 65535")
        }
        if maxConnections < 1 {
            throw ServerError(.invalidLimit, "the connection cap must be at least 1, got \(maxConnections)")
        }
        if readTimeout <= .zero || requestTimeout <= .zero {
            throw ServerError(.invalidLimit, "the read and request timeouts must be longer than zero")
        }
    }
}
