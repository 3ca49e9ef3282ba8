import WorkflowModel

/// An AWS connection of the connections file (`"aws": {…}`): keys, a profile of the shared AWS files, a role to
/// assume, a region and an endpoint override. Every field is optional and may name environment variables
/// (`"${AWS_SECRET_ACCESS_KEY}"`); what is not given comes from the standard AWS environment variables and
/// files (docs/aws.md).
public struct AWSConnectionSettings: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyId: String?
    /// Never printed: ``description`` redacts it.
    public var secretAccessKey: String?
    /// Never printed: ``description`` redacts it.
    public var sessionToken: String?
    /// The profile of `~/.aws/credentials` and `~/.aws/config` to read.
    public var profile: String?
    /// A role to assume with STS `AssumeRole` before each step's calls.
    public var roleArn: String?
    public var externalId: String?
    public var roleSessionName: String?
    /// The default region of the connection's steps (a step's `region` input wins).
    public var region: String?
    /// One endpoint for every service (`http://127.0.0.1:5000` for moto); S3 then uses path-style URLs.
    public var endpointUrl: String?

    /// The field names of the `aws` object.
    static let fields: Set<String> = [
        "accessKeyId", "secretAccessKey", "sessionToken", "profile", "roleArn", "externalId", "roleSessionName",
        "region", "endpointUrl",
    ]

    public init(
        accessKeyId: String? = nil, secretAccessKey: String? = nil, sessionToken: String? = nil,
        profile: String? = nil, roleArn: String? = nil, externalId: String? = nil, roleSessionName: String? = nil,
        region: String? = nil, endpointUrl: String? = nil
    ) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.profile = profile
        self.roleArn = roleArn
        self.externalId = externalId
        self.roleSessionName = roleSessionName
        self.region = region
        self.endpointUrl = endpointUrl
    }

    /// Reads the `aws` object of connection `name`.
    /// - Throws: ``ConnectionError`` `.malformed` naming the field at fault.
    init(json: JSONValue, connection name: String) throws(ConnectionError) {
        guard let members = json.objectValue else {
            throw ConnectionError(.malformed, "connection \"\(name)\": \"aws\" must be an object")
        }
        if let field = Set(members.keys).subtracting(Self.fields).sorted().first {
            throw ConnectionError(.malformed, "connection \"\(name)\": unknown AWS field \"\(field)\"")
        }
        var values: [String: String] = [:]
        for (field, value) in members where !value.isNull {
            guard let text = value.stringValue, !text.contains(where: \.isNewline) else {
                throw ConnectionError(
                    .malformed, "connection \"\(name)\": AWS field \"\(field)\" must be a one-line string")
            }
            values[field] = text
        }
        self.init(
            accessKeyId: values["accessKeyId"], secretAccessKey: values["secretAccessKey"],
            sessionToken: values["sessionToken"], profile: values["profile"], roleArn: values["roleArn"],
            externalId: values["externalId"], roleSessionName: values["roleSessionName"], region: values["region"],
            endpointUrl: values["endpointUrl"])
        if (accessKeyId == nil) != (secretAccessKey == nil) {
            throw ConnectionError(
                .malformed, "connection \"\(name)\": AWS \"accessKeyId\" and \"secretAccessKey\" go together")
        }
        if let endpointUrl, ResolvedConnection.Origin(endpointUrl) == nil {
            throw ConnectionError(
                .malformed,
                "connection \"\(name)\": AWS \"endpointUrl\" must be an absolute URL such as http://host:port")
        }
    }

    /// The settings with each `${NAME}` replaced by the variable's value.
    /// - Throws: ``ConnectionError`` `.missingVariable` naming the field and the variable.
    func substituting(
        environment: [String: String], connection name: String
    ) throws(ConnectionError)
        -> AWSConnectionSettings
    {
        func value(_ field: String, _ template: String?) throws(ConnectionError) -> String? {
            guard let template else { return nil }
            return try ConnectionCatalog.substitute(
                template, environment: environment, context: "connection \"\(name)\" AWS field \"\(field)\"")
        }
        return AWSConnectionSettings(
            accessKeyId: try value("accessKeyId", accessKeyId),
            secretAccessKey: try value("secretAccessKey", secretAccessKey),
            sessionToken: try value("sessionToken", sessionToken), profile: try value("profile", profile),
            roleArn: try value("roleArn", roleArn), externalId: try value("externalId", externalId),
            roleSessionName: try value("roleSessionName", roleSessionName), region: try value("region", region),
            endpointUrl: try value("endpointUrl", endpointUrl))
    }

    public var description: String {
        var parts: [String] = []
        if let accessKeyId { parts.append("accessKeyId: \(accessKeyId)") }
        if secretAccessKey != nil { parts.append("secretAccessKey: <redacted>") }
        if sessionToken != nil { parts.append("sessionToken: <redacted>") }
        if let profile { parts.append("profile: \(profile)") }
        if let roleArn { parts.append("roleArn: \(roleArn)") }
        if let region { parts.append("region: \(region)") }
        if let endpointUrl { parts.append("endpointUrl: \(endpointUrl)") }
        return "AWSConnectionSettings(\(parts.joined(separator: ", ")))"
    }
}
