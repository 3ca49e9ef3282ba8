/// A response from AWS: status, headers (names lower-cased) and body.
public struct AWSResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The request id AWS gives in its headers (`x-amzn-RequestId`, S3's `x-amz-request-id`).
    public var requestId: String? { header("x-amzn-requestid") ?? header("x-amz-request-id") }
}
