import WorkflowModel

/// Signs the HTTP request of a manifest whose auth scheme is `aws-sigv4`: the extension point AWS Signature
/// Version 4 plugs into. It gets the `com.datadoghq.http.request` inputs (`verb`, `url`, `requestHeaders`,
/// `body`, …) and returns them with the signature headers added.
public protocol ManifestRequestSigner: Sendable {
    /// - Parameters:
    ///   - request: the request inputs, rendered.
    ///   - service: the manifest's `auth.service` (`ec2`, `s3`, …).
    ///   - credentials: the step's connection credentials.
    /// - Throws: ``ActionError`` when the request cannot be signed.
    func sign(
        _ request: [String: JSONValue], service: String, credentials: [String: String]
    ) throws(ActionError) -> [String: JSONValue]
}
