import Foundation

/// A connection ready for a step: its base URL and its headers, environment variables already substituted.
public struct ResolvedConnection: Sendable, Hashable {
    /// The id or label the connection was found under in the connections file.
    public var name: String
    /// Every request of the step must go to this URL's origin (scheme, host, port); relative URLs resolve
    /// against it.
    public var baseURL: String
    /// Headers added to every request of the step (a header the step sets itself wins).
    public var headers: [Header]
    /// An AWS connection's settings, variables substituted (``baseURL`` is then empty); `nil` for HTTP
    /// connections.
    public var aws: AWSConnectionSettings? = nil

    /// One header line.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, baseURL: String, headers: [Header] = [], aws: AWSConnectionSettings? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.headers = headers
        self.aws = aws
    }

    /// The absolute URL a step's `url` input means: relative URLs (`/repos/x`, `issues?x=1`) are resolved
    /// against ``baseURL``.
    /// - Throws: ``ActionError`` `.invalidInput` when the URL's origin differs from the base URL's.
    public func absoluteURL(for url: String) throws(ActionError) -> String {
        let isAbsolute = url.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) != nil
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
                "URL \"\(resolved)\" is refused: its host differs from connection \"\(name)\" (\(baseURL))")
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
