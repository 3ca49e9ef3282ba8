import Foundation
import WorkflowModel
import Yams

/// A kubeconfig file (`clusters`, `users`, `contexts`), read with Yams: enough to reach a cluster with a token,
/// a client certificate or basic authentication, trusting the cluster's CA. Relative file paths in it are relative
/// to the file's folder.
struct KubeConfig {
    let path: String
    let document: JSONValue

    /// Reads the file.
    /// - Throws: ``ActionError`` `.invalidInput` when it cannot be read as YAML.
    init(path: String) throws(ActionError) {
        self.path = path
        do {
            document = try YAMLDecoder().decode(JSONValue.self, from: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ActionError(.invalidInput, "cannot read the kubeconfig \(path): \(error)")
        }
    }

    /// The endpoint of context `name` (the file's `current-context` when empty).
    /// - Throws: ``ActionError`` `.invalidInput` when the context, its cluster or its user is missing, or the user
    ///   authenticates in a way Stepwise does not run (`exec`, `auth-provider`).
    func endpoint(context name: String) throws(ActionError) -> KubernetesEndpoint {
        let contextName = name.isEmpty ? (document["current-context"]?.stringValue ?? "") : name
        guard let context = entry("contexts", contextName, field: "context") else {
            throw fail("context \"\(contextName)\" does not exist")
        }
        let clusterName = context["cluster"]?.stringValue ?? ""
        guard let cluster = entry("clusters", clusterName, field: "cluster"),
            let server = cluster["server"]?.stringValue, !server.isEmpty
        else { throw fail("cluster \"\(clusterName)\" of context \"\(contextName)\" does not exist or has no server") }
        let user = entry("users", context["user"]?.stringValue ?? "", field: "user") ?? .emptyObject
        if user["exec"] != nil || user["auth-provider"] != nil {
            throw fail(
                "user \"\(context["user"]?.stringValue ?? "")\" authenticates with an exec or auth-provider plugin, "
                    + "which Stepwise does not run: use a token or a client certificate")
        }
        var endpoint = KubernetesEndpoint(
            server: server.hasSuffix("/") ? String(server.dropLast()) : server,
            certificateAuthority: try bytes(cluster, data: "certificate-authority-data", file: "certificate-authority"),
            clientCertificate: try bytes(user, data: "client-certificate-data", file: "client-certificate"),
            clientKey: try bytes(user, data: "client-key-data", file: "client-key"),
            token: user["token"]?.stringValue, username: user["username"]?.stringValue,
            password: user["password"]?.stringValue,
            skipsVerification: cluster["insecure-skip-tls-verify"]?.boolValue ?? false)
        if endpoint.token == nil, let file = user["tokenFile"]?.stringValue {
            guard let data = FileManager.default.contents(atPath: resolved(file)) else {
                throw fail("cannot read the token file \(resolved(file))")
            }
            endpoint.token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return endpoint
    }

    /// The `field` object of the entry named `name` in the list `list`.
    private func entry(_ list: String, _ name: String, field: String) -> JSONValue? {
        document[list]?.arrayValue?.first { $0["name"]?.stringValue == name }?[field]
    }

    /// Base64 `data`, else the contents of the file `file`, else nil.
    private func bytes(_ object: JSONValue, data: String, file: String) throws(ActionError) -> [UInt8]? {
        if let encoded = object[data]?.stringValue {
            guard let decoded = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                throw fail("\(data) is not base64")
            }
            return Array(decoded)
        }
        guard let path = object[file]?.stringValue else { return nil }
        guard let contents = FileManager.default.contents(atPath: resolved(path)) else {
            throw fail("cannot read \(file) \(resolved(path))")
        }
        return Array(contents)
    }

    private func resolved(_ file: String) -> String {
        file.hasPrefix("/")
            ? file : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
    }

    private func fail(_ message: String) -> ActionError {
        ActionError(.invalidInput, "kubeconfig \(path): \(message)")
    }
}
