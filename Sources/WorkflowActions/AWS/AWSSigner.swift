import Crypto
import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`): adds `X-Amz-Date`, `X-Amz-Security-Token` (temporary
/// credentials), `X-Amz-Content-SHA256` (S3) and `Authorization` to a request.
///
/// Every header of the request is signed, `Host` included. S3 signs the path as sent; the other services
/// encode it once more in the canonical request, as AWS's SDKs do.
public struct AWSSigner: Sendable {
    /// The credentials that sign.
    public var credentials: AWSCredentials
    /// The region of the credential scope (`us-east-1` for IAM).
    public var region: String
    /// The service's signing name (`iam`, `ec2`, `s3`, …).
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The parts of one signature, for tests and diagnostics (the secret is not among them).
    public struct Signature: Sendable, Hashable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signedHeaders: String
        public var signature: String
        /// The `Authorization` header value.
        public var authorization: String
    }

    /// Signs `request` as of `date`: sets the date, token and content headers, then `Authorization`.
    @discardableResult
    public func sign(_ request: inout AWSRequest, date: Date) -> Signature {
        request.setHeader("X-Amz-Date", Self.timestamp(date))
        if let token = credentials.sessionToken { request.setHeader("X-Amz-Security-Token", token) }
        if service == "s3" { request.setHeader("X-Amz-Content-SHA256", Self.hex(SHA256.hash(data: request.body))) }
        let signature = self.signature(for: request, date: date)
        request.setHeader("Authorization", signature.authorization)
        return signature
    }

    /// The signature of `request` as it stands (its `X-Amz-Date` must already be `date`).
    public func signature(for request: AWSRequest, date: Date) -> Signature {
        let day = String(Self.timestamp(date).prefix(8))
        var headers: [String: String] = ["host": request.host]
        for header in request.headers where header.name.lowercased() != "authorization" {
            headers[header.name.lowercased()] = Self.trimmed(header.value)
        }
        let names = headers.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        let canonicalHeaders = names.map { "\($0):\(headers[$0] ?? "")\n" }.joined()
        let payloadHash = request.header("X-Amz-Content-SHA256") ?? Self.hex(SHA256.hash(data: request.body))
        let path = service == "s3" ? request.encodedPath : Self.encodeAgain(request.encodedPath)
        let canonicalRequest = [
            request.method, path.isEmpty ? "/" : path, Self.canonicalQuery(request.query), canonicalHeaders,
            signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", Self.timestamp(date), scope, Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders,
            signature: signature, authorization: authorization)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let number = value ?? 0
            return number < 10 ? "0\(number)" : "\(number)"
        }
        return "\(parts.year ?? 1970)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))"
            + "\(two(parts.second))Z"
    }

    /// Query items sorted by encoded name, then encoded value, each percent-encoded.
    static func canonicalQuery(_ items: [AWSRequest.QueryItem]) -> String {
        let encoded: [(name: String, value: String)] = items.map {
            (name: URLFormEncoding.escape($0.name), value: URLFormEncoding.escape($0.value))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    private static func encodeAgain(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { URLFormEncoding.escape(String($0)) }
            .joined(separator: "/")
    }

    /// Leading and trailing spaces removed, inner runs of spaces collapsed to one.
    private static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        for byte in bytes {
            text.unicodeScalars.append(digits[Int(byte >> 4)])
            text.unicodeScalars.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
