import Foundation
import WorkflowModel

/// How a manifest's HTTP request authenticates, from the credentials of the step's connection
/// (``ResolvedConnection/credentials``): the manifest's `auth` object.
///
/// ```json
/// {"scheme": "bearer", "credential": "token", "connection": "github"}
/// {"scheme": "basic", "username": "email", "password": "apiToken"}
/// {"scheme": "datadog-keys", "connection": "datadog"}
/// {"scheme": "header", "header": "Authorization", "format": "Token token={{ Credentials.apiToken }}"}
/// {"scheme": "none", "requires": ["routingKey"], "connection": "pagerduty"}
/// ```
///
/// `connection` names the connection (id or label in the connections file) a step without a `connectionLabel`
/// uses, as Datadog runs its own actions with the workflow's identity.
public struct ManifestAuth: Sendable, Hashable {
    /// The schemes a manifest may name.
    public enum Scheme: Sendable, Hashable {
        /// No authentication (the default).
        case none
        /// `Authorization: Bearer <credential>`.
        case bearer(credential: String)
        /// `Authorization: Basic base64(<username credential>:<password credential>)`.
        case basic(username: String, password: String)
        /// `DD-API-KEY: <apiKey>` and `DD-APPLICATION-KEY: <appKey>` (Datadog's API).
        case datadogKeys
        /// One header whose value is a template over `Credentials`.
        case header(name: String, format: String)
        /// Extension point for AWS Signature Version 4 (`"scheme": "aws-sigv4"`): the manifest format accepts
        /// it, and ``ManifestAction`` asks its ``ManifestAction/signer`` to sign the request; without a signer
        /// the step fails with `UNSUPPORTED`.
        case awsSigV4(service: String)
    }

    public var scheme: Scheme
    /// The default connection for steps without a `connectionLabel`.
    public var connection: String?
    /// Credentials the request needs besides the scheme's (`"requires": ["routingKey"]` when a template
    /// reads `{{ Credentials.routingKey }}`): a step whose connection lacks one fails before sending.
    public var required: [String]

    public init(scheme: Scheme, connection: String? = nil, required: [String] = []) {
        self.scheme = scheme
        self.connection = connection
        self.required = required
    }

    /// Reads the `auth` object.
    /// - Throws: ``ManifestError`` `.malformed` naming the field.
    init(json: JSONValue) throws(ManifestError) {
        func fail(_ message: String) -> ManifestError { ManifestError(.malformed, "\"auth\": \(message)") }
        guard let members = json.objectValue else { throw fail("must be an object") }
        func text(_ name: String, _ fallback: String? = nil) throws(ManifestError) -> String {
            guard let value = members[name]?.stringValue ?? fallback, !value.isEmpty else {
                throw fail("\"\(name)\" must be a non-empty string")
            }
            return value
        }
        var known: Set<String> = ["scheme", "connection", "requires"]
        switch members["scheme"]?.stringValue {
        case "none"?:
            scheme = .none
        case "bearer"?:
            scheme = .bearer(credential: try text("credential", "token"))
            known.insert("credential")
        case "basic"?:
            scheme = .basic(username: try text("username", "username"), password: try text("password", "password"))
            known.formUnion(["username", "password"])
        case "datadog-keys"?:
            scheme = .datadogKeys
        case "header"?:
            scheme = .header(name: try text("header"), format: try text("format"))
            known.formUnion(["header", "format"])
        case "aws-sigv4"?:
            scheme = .awsSigV4(service: try text("service"))
            known.insert("service")
        default:
            throw fail("\"scheme\" must be none, bearer, basic, datadog-keys, header or aws-sigv4")
        }
        if let field = Set(members.keys).subtracting(known).sorted().first { throw fail("unknown field \"\(field)\"") }
        connection = members["connection"]?.stringValue
        required = []
        for item in members["requires"]?.arrayValue ?? [] {
            guard let name = item.stringValue else { throw fail("\"requires\" must be a list of credential names") }
            required.append(name)
        }
    }

    /// The header lines the scheme adds, from `credentials`.
    /// - Throws: ``ActionError`` `.invalidInput` naming the credential the connection lacks.
    func headers(
        _ credentials: [String: String], actionId: String
    ) throws(ActionError) -> [(name: String, value: String)] {
        func credential(_ name: String) throws(ActionError) -> String {
            guard let value = credentials[name], !value.isEmpty else {
                let hint = connection.map { " (a connection named \"\($0)\" or the step's connectionLabel)" } ?? ""
                throw ActionError(
                    .invalidInput, "\(actionId) needs credential \"\(name)\" from the step's connection\(hint)")
            }
            return value
        }
        for name in required { _ = try credential(name) }
        switch scheme {
        case .none, .awsSigV4:
            return []
        case .bearer(let name):
            return [(name: "Authorization", value: "Bearer " + (try credential(name)))]
        case .basic(let user, let password):
            let pair = (try credential(user)) + ":" + (try credential(password))
            return [(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())]
        case .datadogKeys:
            return [
                (name: "DD-API-KEY", value: try credential("apiKey")),
                (name: "DD-APPLICATION-KEY", value: try credential("appKey")),
            ]
        case .header(let name, let format):
            for root in ManifestTemplate.paths(in: format) where root.hasPrefix("Credentials.") {
                _ = try credential(String(root.dropFirst("Credentials.".count)))
            }
            let rendered = ManifestTemplate.render(
                .string(format), ["Credentials": .object(credentials.mapValues { .string($0) })])
            return [(name: name, value: rendered.stringValue ?? "")]
        }
    }
}
