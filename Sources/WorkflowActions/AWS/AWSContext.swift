import Foundation
import WorkflowModel

/// What one step's AWS calls use: credentials, region and endpoints, resolved from the step's connection, the
/// environment variables and the shared AWS files (docs/aws.md gives the order).
public struct AWSContext: Sendable {
    public var credentials: AWSCredentials
    /// The region when the step gives none.
    public var region: String
    /// Every service's endpoint when set (a connection's `endpointUrl`, `AWS_ENDPOINT_URL`).
    var endpointOverride: AWSEndpoint?
    /// Per-service overrides (`AWS_ENDPOINT_URL_S3`, …) by signing name.
    var serviceEndpoints: [String: AWSEndpoint]
    /// The step's trace context headers (`traceparent`, `tracestate`), sent with each of its requests.
    var traceHeaders: [String: String] = [:]

    /// The endpoint of `service` in `region`.
    public func endpoint(for service: AWSService, region: String) -> AWSEndpoint {
        serviceEndpoints[service.signingName] ?? endpointOverride ?? .standard(for: service, region: region)
    }

    /// The signer of `service` in `region` (global services sign for `us-east-1`).
    public func signer(for service: AWSService, region: String) -> AWSSigner {
        AWSSigner(
            credentials: credentials, region: service.isGlobal ? "us-east-1" : region, service: service.signingName)
    }

    /// Resolves the context of a step.
    /// - Parameters:
    ///   - settings: the step's AWS connection, if any.
    ///   - environment: the process environment (`AWS_*`, `HOME`).
    ///   - files: the shared AWS files (read from `environment` unless given).
    /// - Throws: ``ActionError`` `.invalidInput` naming where credentials were looked for when none are found.
    public static func resolve(
        settings: AWSConnectionSettings?, environment: [String: String], files: AWSSharedFiles? = nil
    ) throws(ActionError) -> AWSContext {
        let files = files ?? AWSSharedFiles(environment: environment)
        let profileName = settings?.profile ?? environment["AWS_PROFILE"] ?? "default"
        let profile = files.profiles[profileName] ?? [:]
        if let named = settings?.profile, files.profiles[named] == nil {
            throw ActionError(
                .invalidInput, "AWS profile \"\(named)\" is not in the shared AWS config or credentials file")
        }
        let credentials: AWSCredentials
        if let id = settings?.accessKeyId, let secret = settings?.secretAccessKey {
            credentials = AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: settings?.sessionToken)
        } else if settings?.profile == nil, let id = environment["AWS_ACCESS_KEY_ID"],
            let secret = environment["AWS_SECRET_ACCESS_KEY"]
        {
            credentials = AWSCredentials(
                accessKeyId: id, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        } else if let found = Self.profileCredentials(profileName, files: files) {
            credentials = found
        } else {
            throw ActionError(
                .invalidInput,
                "no AWS credentials: give the connection accessKeyId/secretAccessKey or a profile, set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile \"\(profileName)\" to ~/.aws/credentials"
            )
        }
        let region =
            settings?.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? profile["region"]
            ?? "us-east-1"
        let overrideURL = settings?.endpointUrl ?? environment["AWS_ENDPOINT_URL"] ?? profile["endpoint_url"]
        var overrideEndpoint: AWSEndpoint?
        if let overrideURL {
            guard let endpoint = AWSEndpoint(override: overrideURL) else {
                throw ActionError(.invalidInput, "AWS endpoint URL \"\(overrideURL)\" is not an absolute http(s) URL")
            }
            overrideEndpoint = endpoint
        }
        var serviceEndpoints: [String: AWSEndpoint] = [:]
        if settings?.endpointUrl == nil {
            for (name, value) in environment where name.hasPrefix("AWS_ENDPOINT_URL_") {
                guard let endpoint = AWSEndpoint(override: value) else { continue }
                serviceEndpoints[name.dropFirst("AWS_ENDPOINT_URL_".count).lowercased()] = endpoint
            }
        }
        return AWSContext(
            credentials: credentials, region: region, endpointOverride: overrideEndpoint,
            serviceEndpoints: serviceEndpoints)
    }

    /// The keys of `name` in the shared files, or of its `source_profile` (one level).
    private static func profileCredentials(_ name: String, files: AWSSharedFiles) -> AWSCredentials? {
        guard let profile = files.profiles[name] else { return nil }
        if let id = profile["aws_access_key_id"], let secret = profile["aws_secret_access_key"] {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
        }
        if let source = profile["source_profile"], source != name, let base = files.profiles[source],
            let id = base["aws_access_key_id"], let secret = base["aws_secret_access_key"]
        {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: base["aws_session_token"])
        }
        return nil
    }

    /// The role the connection or the profile asks to assume, with its external id.
    static func role(
        settings: AWSConnectionSettings?, environment: [String: String], files: AWSSharedFiles
    ) -> (arn: String, externalId: String?, sessionName: String?)? {
        if let arn = settings?.roleArn { return (arn, settings?.externalId, settings?.roleSessionName) }
        guard settings?.accessKeyId == nil else { return nil }
        let profileName = settings?.profile ?? environment["AWS_PROFILE"] ?? "default"
        guard let profile = files.profiles[profileName], let arn = profile["role_arn"] else { return nil }
        return (arn, profile["external_id"], profile["role_session_name"])
    }

    /// The context with the credentials of `roleArn`, from STS `AssumeRole` signed by the current ones.
    /// - Throws: ``AWSError`` when STS refuses.
    func assumingRole(
        _ roleArn: String, externalId: String?, sessionName: String, client: AWSClient
    ) async throws(AWSError) -> AWSContext {
        var parameters: [(String, JSONValue)] = [
            ("RoleArn", .string(roleArn)), ("RoleSessionName", .string(sessionName)),
        ]
        if let externalId { parameters.append(("ExternalId", .string(externalId))) }
        guard case .query(let version, _) = AWSService.sts.wireProtocol else { return self }
        let items = AWSQueryProtocol.items(
            operation: "AssumeRole", version: version, parameters: parameters, ec2Style: false)
        let request = AWSQueryProtocol.request(items: items, endpoint: endpoint(for: .sts, region: region))
        let response = try await client.send(
            request, signer: signer(for: .sts, region: region), operation: "sts:AssumeRole")
        let fail = AWSError(
            code: "MalformedResponse", message: "AssumeRole returned no credentials", status: response.status,
            operation: "sts:AssumeRole")
        guard let xml = try? AWSXML.parse(response.body), let given = xml["AssumeRoleResult"]?["Credentials"],
            let id = given["AccessKeyId"]?.text, let secret = given["SecretAccessKey"]?.text
        else { throw fail }
        var context = self
        context.credentials = AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: given["SessionToken"]?.text)
        return context
    }
}
