/// One AWS service as the actions call it: its signing name, endpoint prefix and wire protocol.
public struct AWSService: Sendable, Hashable {
    /// How requests and responses are encoded.
    public enum WireProtocol: Sendable, Hashable {
        /// Form-encoded `Action=…&Version=…` POST, XML response (IAM, STS, Auto Scaling; `ec2Style` for EC2's
        /// list encoding and lower-case XML names).
        case query(version: String, ec2Style: Bool)
        /// `X-Amz-Target: <prefix>.<Operation>` POST with a JSON body (`application/x-amz-json-1.x`).
        case json(targetPrefix: String, version: String)
        /// REST routes with JSON bodies (Lambda).
        case restJSON
        /// REST routes with XML bodies (S3).
        case restXML
    }

    /// The SigV4 signing name (`iam`, `ec2`, …).
    public var signingName: String
    /// The first label of the service's host name.
    public var endpointPrefix: String
    public var wireProtocol: WireProtocol
    /// Global services (IAM) have one endpoint and sign for `us-east-1`.
    public var isGlobal: Bool
    /// Whether input and output member names start with a capital (`UserName`) rather than a small letter.
    public var pascalCaseMembers: Bool

    public init(
        signingName: String, endpointPrefix: String? = nil, wireProtocol: WireProtocol, isGlobal: Bool = false,
        pascalCaseMembers: Bool = true
    ) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix ?? signingName
        self.wireProtocol = wireProtocol
        self.isGlobal = isGlobal
        self.pascalCaseMembers = pascalCaseMembers
    }

    /// The name of the `AWS_ENDPOINT_URL_<SERVICE>` variable that overrides this service's endpoint.
    public var endpointVariable: String { "AWS_ENDPOINT_URL_" + signingName.uppercased() }

    public static let iam = AWSService(
        signingName: "iam", wireProtocol: .query(version: "2010-05-08", ec2Style: false), isGlobal: true)
    public static let sts = AWSService(
        signingName: "sts", wireProtocol: .query(version: "2011-06-15", ec2Style: false))
    public static let ec2 = AWSService(
        signingName: "ec2", wireProtocol: .query(version: "2016-11-15", ec2Style: true))
    public static let autoScaling = AWSService(
        signingName: "autoscaling", wireProtocol: .query(version: "2011-01-01", ec2Style: false))
    public static let ecs = AWSService(
        signingName: "ecs", wireProtocol: .json(targetPrefix: "AmazonEC2ContainerServiceV20141113", version: "1.1"),
        pascalCaseMembers: false)
    public static let ssm = AWSService(
        signingName: "ssm", wireProtocol: .json(targetPrefix: "AmazonSSM", version: "1.1"))
    public static let wafv2 = AWSService(
        signingName: "wafv2", wireProtocol: .json(targetPrefix: "AWSWAF_20190729", version: "1.1"))
    public static let lambda = AWSService(signingName: "lambda", wireProtocol: .restJSON, pascalCaseMembers: false)
    public static let s3 = AWSService(signingName: "s3", wireProtocol: .restXML)
}
