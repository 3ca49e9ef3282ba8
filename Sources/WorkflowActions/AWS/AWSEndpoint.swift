/// Where a service's requests go: scheme, host (with a non-default port) and a base path.
public struct AWSEndpoint: Sendable, Hashable {
    public var scheme: String
    public var host: String
    /// A path prefix of an override URL (`http://h:4566/aws` → `/aws`), else empty.
    public var basePath: String
    /// Whether the host is an override (moto, LocalStack): S3 then uses path-style URLs.
    public var isOverride: Bool

    public init(scheme: String, host: String, basePath: String = "", isOverride: Bool = false) {
        self.scheme = scheme
        self.host = host
        self.basePath = basePath
        self.isOverride = isOverride
    }

    /// The endpoint of an override URL such as `http://127.0.0.1:5000`.
    public init?(override url: String) {
        guard let origin = ResolvedConnection.Origin(url) else { return nil }
        let defaultPort =
            (origin.scheme == "https" && origin.port == 443) || (origin.scheme == "http" && origin.port == 80)
        let afterScheme = url.drop { $0 != ":" }.dropFirst(3)
        let path = afterScheme.drop { $0 != "/" }
        var basePath = String(path.prefix { $0 != "?" })
        while basePath.hasSuffix("/") { basePath.removeLast() }
        self.init(
            scheme: origin.scheme, host: defaultPort ? origin.host : "\(origin.host):\(origin.port)",
            basePath: basePath,
            isOverride: true)
    }

    /// AWS's public endpoint of `service` in `region`.
    public static func standard(for service: AWSService, region: String) -> AWSEndpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        if service.isGlobal { return AWSEndpoint(scheme: "https", host: "\(service.endpointPrefix).\(suffix)") }
        return AWSEndpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)")
    }
}
