import WorkflowModel

/// One AWS action as data: the service and operation it calls, how its inputs become the request and how the
/// response becomes its outputs. ``AWSActionCatalog`` holds one per action id.
public struct AWSActionDefinition: Sendable {
    /// Where an input goes in the request.
    public enum Location: Sendable, Hashable {
        /// A request member (query parameter, JSON body member) under ``Input/wire``.
        case member
        /// A `{name}` segment of a REST route's path.
        case path
        /// A request header.
        case header(String)
        /// A query-string parameter of a REST route.
        case query(String)
        /// The REST request's whole body (a string as is, other JSON as JSON text).
        case payload
        /// Read by the action itself (`region`), not sent.
        case none
    }

    /// One input of the action as Datadog names it.
    public struct Input: Sendable, Hashable {
        public var name: String
        /// The AWS member name; the capitalised input name for PascalCase services, else the input name.
        public var wire: String?
        public var required: Bool
        public var location: Location

        public init(_ name: String, wire: String? = nil, required: Bool = false, _ location: Location = .member) {
            self.name = name
            self.wire = wire
            self.required = required
            self.location = location
        }
    }

    /// How the response becomes the step's outputs (``amzRequestId`` is added to each).
    public enum Outputs: Sendable, Hashable {
        /// Every member of the response, first letter in lower case; `lists` name members that are lists even
        /// when AWS sends them empty.
        case members(lists: [String] = [])
        /// One member of the response (found by the path of SDK names) as output `name`; `first` takes the
        /// first element of a list.
        case member(String, path: [String], first: Bool = false)
        /// Response headers as outputs: output name → header name.
        case headers([String: String])
        /// Only `amzRequestId`.
        case none
        /// EC2 `DescribeInstances`: the instances of every reservation as one `instances` list, and `nextToken`.
        case ec2Instances
        /// Lambda `Invoke`: `statusCode`, `functionError`, `payload` (JSON when it parses, else text).
        case lambdaInvoke
    }

    /// A REST route (REST-JSON, REST-XML): method, path template with `{input}` segments, fixed query items,
    /// a fixed body template whose `{input}` holes are XML-escaped, and fixed headers.
    public struct Route: Sendable, Hashable {
        public var method: String
        public var path: String
        public var query: [AWSRequest.QueryItem]
        public var body: String?
        public var headers: [AWSRequest.Header]
        /// Whether AWS requires a `Content-MD5` header (S3 bucket configuration calls).
        public var contentMD5: Bool

        public init(
            _ method: String, _ path: String, query: [AWSRequest.QueryItem] = [], body: String? = nil,
            headers: [AWSRequest.Header] = [], contentMD5: Bool = false
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.body = body
            self.headers = headers
            self.contentMD5 = contentMD5
        }
    }

    /// Actions made of several calls.
    public enum Composite: Sendable, Hashable {
        /// IAM: delete the login profile, access keys, signing certificates, SSH keys, service-specific
        /// credentials and MFA devices of `userName`.
        case disableUser
        /// WAFv2: read the IP set (`GetIPSet`), add `addressesToAdd`, write it back with the lock token.
        case addToIPSet
    }

    public var id: String
    public var service: AWSService
    /// The AWS operation (`ListAccessKeys`); the first of a composite.
    public var operation: String
    public var inputs: [Input]
    /// Whether inputs the table does not list are sent as members too (`updateEcsService`'s many fields).
    public var passThrough: Bool
    public var route: Route?
    public var outputs: Outputs
    public var composite: Composite?
    /// The outputs a dry run gives when no mock is set: the documented output names with empty values.
    public var mockOutputs: JSONValue

    public init(
        _ id: String, _ service: AWSService, _ operation: String, inputs: [Input], passThrough: Bool = false,
        route: Route? = nil, outputs: Outputs, composite: Composite? = nil, mock: JSONValue
    ) {
        self.id = id
        self.service = service
        self.operation = operation
        self.inputs = inputs
        self.passThrough = passThrough
        self.route = route
        self.outputs = outputs
        self.composite = composite
        self.mockOutputs = mock
    }

    /// `region`: optional for every regional action (the connection's or the environment's region otherwise).
    static let region = Input("region", .none)
}
