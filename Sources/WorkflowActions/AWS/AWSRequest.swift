/// One AWS HTTP request before and after signing: method, endpoint, path, query, headers, body.
public struct AWSRequest: Sendable, Hashable {
    /// A name and a value: a query item (not yet percent-encoded) or a header line.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One `name=value` of the query string, not yet percent-encoded.
    public typealias QueryItem = Field
    /// One header line.
    public typealias Header = Field

    /// `GET`, `POST`, `PUT`, `DELETE`, …
    public var method: String
    /// `https` or `http` (a local endpoint such as moto).
    public var scheme: String
    /// The host, with `:port` when the port is not the scheme's default.
    public var host: String
    /// The path, not percent-encoded (`/bucket/a key.txt`); each segment is encoded when sent.
    public var path: String
    public var query: [QueryItem]
    /// Headers other than `Host` (curl sends it from the URL; the signature includes it).
    public var headers: [Header]
    public var body: [UInt8]

    public init(
        method: String, scheme: String = "https", host: String, path: String = "/", query: [QueryItem] = [],
        headers: [Header] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The path with each segment percent-encoded (RFC 3986 unreserved characters and `/` kept).
    public var encodedPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { URLFormEncoding.escape(String($0)) }
            .joined(separator: "/")
    }

    /// The query string, percent-encoded, in the given order (`a=1&b=2`; a name alone keeps its `=`).
    public var encodedQuery: String { URLFormEncoding.encode(query.map { (name: $0.name, value: $0.value) }) }

    /// The URL to send the request to.
    public var url: String {
        let queryText = query.isEmpty ? "" : "?" + encodedQuery
        return "\(scheme)://\(host)\(encodedPath)\(queryText)"
    }

    /// The value of header `name` (case-insensitive), if set.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sets header `name`, replacing any value it had.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append(Header(name, value))
    }
}
