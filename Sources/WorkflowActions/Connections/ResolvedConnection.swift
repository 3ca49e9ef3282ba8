import Foundation

/// A connection ready for a step: its base URL and its headers, environment variables already substituted.
public struct ResolvedConnection: Sendable, Hashable {
    /// The id or label the connection was found under in the connections file.
    public var name: String
    /// Every request of the step must go to this URL's origin (scheme, host, port); relative URLs resolve
    /// against it. Empty: no host check (a connection made of a runner credential file alone).
    public var baseURL: String
    /// Headers sent with every request of the step; they override a header of the same name the step sets.
    public var headers: [Header]
    /// Query parameters appended to every request's URL (after the step's `urlParams`).
    public var urlParameters: [Header] = []
    /// A body merged into every request's body (see ``Body``), if any.
    public var body: Body?
    /// Named credential values (`apiKey`, `token`, `username`, …) that manifests read as
    /// `{{ Credentials.name }}` and auth schemes use.
    public var credentials: [String: String] = [:]
    /// An AWS connection's settings, variables substituted (``baseURL`` is then empty); `nil` for HTTP
    /// connections.
    public var aws: AWSConnectionSettings? = nil

    /// The connection's own body, merged with a step's body as Datadog's runner does: for a JSON content type
    /// the connection's members override the step body's; otherwise the texts are joined with CRLF,
    /// connection first.
    public struct Body: Sendable, Hashable {
        public var content: String
        public var contentType: String
        public init(content: String, contentType: String) {
            self.content = content
            self.contentType = contentType
        }
    }

    /// The secret values the connection carries (credential values, environment variables substituted into
    /// it, `Authorization` values): messages and outputs of its steps are scrubbed of them.
    public var secretValues: Set<String> = []

    /// Credentials that locate a service rather than unlock it (a site, a base URL, a database server, a
    /// kubeconfig context): not secrets.
    public static let publicCredentials: Set<String> = [
        "site", "apiBaseUrl", "siteUrl", "baseURL", "domain", "configFileLocation",
        // The PostgreSQL and Kubernetes bundles' locating tokens.
        "host", "port", "user", "database", "sslmode", "applicationName", "searchPath", "context",
    ]

    /// ``secretValues`` of four characters or more, longest first (the order scrubbing replaces them in).
    public var secrets: [String] {
        secretValues.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// One header line (or URL parameter): a name and its value.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        name: String, baseURL: String, headers: [Header] = [], urlParameters: [Header] = [], body: Body? = nil,
        credentials: [String: String] = [:], secretValues: Set<String> = [], aws: AWSConnectionSettings? = nil
    ) {
        self.name = name
        self.baseURL = baseURL
        self.headers = headers
        self.urlParameters = urlParameters
        self.body = body
        self.credentials = credentials
        self.aws = aws
        self.secretValues = secretValues.union(
            credentials.filter { !Self.publicCredentials.contains($0.key) }.values
        )
        .union(headers.filter { $0.name.lowercased() == "authorization" }.map(\.value))
    }

    /// The absolute URL a step's `url` input means: relative URLs (`/repos/x`, `issues?x=1`) are resolved
    /// against ``baseURL``.
    /// - Throws: ``ActionError`` `.invalidInput` when the URL's origin (scheme, host, port) differs from the base
    ///   URL's, with the runner's message `specified URL does not match base URL configured in the Connection`.
    public func absoluteURL(for url: String) throws(ActionError) -> String {
        let isAbsolute = url.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) != nil
        if baseURL.isEmpty {
            // A connection without a base URL (a runner credential file alone) checks no host.
            guard isAbsolute else {
                throw ActionError(
                    .invalidInput, "URL \"\(url)\" is relative, but connection \"\(name)\" has no base URL")
            }
            return url
        }
        let resolved: String
        if isAbsolute {
            resolved = url
        } else {
            var base = baseURL
            if !base.hasSuffix("/") { base += "/" }
            let relative = url.hasPrefix("/") ? String(url.dropFirst()) : url
            resolved = base + relative
        }
        guard let wanted = Origin(resolved), let allowed = Origin(baseURL), wanted == allowed else {
            throw ActionError(
                .invalidInput,
                "specified URL does not match base URL configured in the Connection: URL \"\(resolved)\" is not on "
                    + "\(baseURL) (connection \"\(name)\")")
        }
        return resolved
    }

    /// Scheme, host and port, compared case-insensitively with default ports filled in.
    struct Origin: Hashable {
        var scheme: String
        var host: String
        var port: Int

        init?(_ text: String) {
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                let host = components.host?.lowercased(), !host.isEmpty
            else { return nil }
            self.scheme = scheme
            self.host = host
            switch (components.port, scheme) {
            case (let port?, _): self.port = port
            case (nil, "https"): self.port = 443
            case (nil, "http"): self.port = 80
            default: self.port = -1
            }
        }
    }
}
