import Foundation

/// A cluster's API server and how to authenticate to it, read from a kubeconfig context or the in-cluster service
/// account.
struct KubernetesEndpoint: Sendable {
    /// `https://host:port` (no trailing slash).
    var server: String
    /// The cluster CA's PEM certificates; `nil`: the system's roots.
    var certificateAuthority: [UInt8]?
    /// The client certificate and key (PEM) for mutual TLS.
    var clientCertificate: [UInt8]?
    var clientKey: [UInt8]?
    /// A bearer token.
    var token: String?
    /// Basic authentication.
    var username: String?
    var password: String?
    /// `insecure-skip-tls-verify`.
    var skipsVerification = false

    /// The values to keep out of messages and outputs.
    var secrets: [String] { [token, password].compactMap { $0 }.filter { $0.count >= 4 } }

    /// Where a step's requests go, by the runner's rule: a connection with exactly one token, `context`, reads that
    /// context of the kubeconfig; a connection without tokens (or no connection) uses the in-cluster service
    /// account; anything else is refused (`unsupported credential type`).
    /// - Throws: ``ActionError`` `.invalidInput` naming what is missing or unreadable.
    static func resolve(
        _ connection: ResolvedConnection?, settings: KubernetesSettings
    ) throws(ActionError) -> KubernetesEndpoint {
        let tokens = connection?.credentials ?? [:]
        if tokens.isEmpty { return try inCluster(settings) }
        guard tokens.count == 1, let context = tokens["context"] else {
            throw ActionError(
                .invalidInput,
                "unsupported credential type: a Kubernetes connection has exactly one token, \"context\" (a context of "
                    + "\(settings.kubeconfigPath)), or none (the in-cluster service account)")
        }
        return try KubeConfig(path: settings.kubeconfigPath).endpoint(context: context)
    }

    /// The in-cluster configuration: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`, the service
    /// account's token and CA.
    static func inCluster(_ settings: KubernetesSettings) throws(ActionError) -> KubernetesEndpoint {
        guard let host = settings.environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = settings.environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw ActionError(
                .invalidInput,
                "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be "
                    + "defined (give the step a connection with a \"context\" token to use a kubeconfig)")
        }
        let directory = URL(fileURLWithPath: settings.serviceAccountDirectory)
        guard let token = FileManager.default.contents(atPath: directory.appendingPathComponent("token").path) else {
            throw ActionError(
                .invalidInput, "cannot read the service account token in \(settings.serviceAccountDirectory)")
        }
        let authority = FileManager.default.contents(atPath: directory.appendingPathComponent("ca.crt").path)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return KubernetesEndpoint(
            server: "https://\(shownHost):\(port)", certificateAuthority: authority.map { Array($0) },
            token: String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
