import Foundation

/// Where the Kubernetes actions find their cluster credentials, and what they share.
public struct KubernetesSettings: Sendable {
    /// The kubeconfig a connection with a `context` token reads: `$HOME/.kube/config`, as the runner reads it.
    public var kubeconfigPath: String
    /// The in-cluster service account's folder (`token`, `ca.crt`).
    public var serviceAccountDirectory: String
    /// The environment the in-cluster address is read from (`KUBERNETES_SERVICE_HOST`, `KUBERNETES_SERVICE_PORT`).
    public var environment: [String: String]
    /// The task time limit when the step gives no `timeout` input, in seconds.
    public var defaultTimeoutSeconds: Int
    /// The time `restartDeployment` writes.
    public var now: @Sendable () -> Date
    /// The libcurl loop requests go through.
    public var loop: CurlMultiLoop

    /// - Parameters: each defaults to what a real run uses (the process's home and environment, 60 s, the clock).
    public init(
        kubeconfigPath: String? = nil,
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount",
        environment: [String: String] = ProcessInfo.processInfo.environment, defaultTimeoutSeconds: Int = 60,
        now: @escaping @Sendable () -> Date = Date.init, loop: CurlMultiLoop = .shared
    ) {
        // `$HOME` first, as the runner's Go `os.UserHomeDir` reads it.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        self.kubeconfigPath =
            kubeconfigPath
            ?? (home ?? FileManager.default.homeDirectoryForCurrentUser).appendingPathComponent(".kube/config").path
        self.serviceAccountDirectory = serviceAccountDirectory
        self.environment = environment
        self.defaultTimeoutSeconds = max(1, defaultTimeoutSeconds)
        self.now = now
        self.loop = loop
    }
}
