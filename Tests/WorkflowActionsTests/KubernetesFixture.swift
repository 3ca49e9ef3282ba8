import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// A Kubernetes API stand-in over HTTPS on 127.0.0.1 (a test CA made with openssl), a kubeconfig naming it
/// (context `stand-in`: the right CA and token; `wrong-ca`: another CA; `wrong-token`: a bad token) and a folder
/// with the runner credential file `INTEGRATION_KUBERNETES.json` holding the token `context: stand-in`.
struct KubernetesFixture {
    static let label = "INTEGRATION_KUBERNETES"
    static let token = "k8s-token-5f3a9c"
    static let now = Date(timeIntervalSince1970: 1_796_545_800)  // 2026-12-06T08:30:00Z

    let server: StandInServer
    let standIn: KubernetesStandIn
    let directory: URL
    let certificates: TestCertificates

    var kubeconfig: String { directory.appendingPathComponent("kubeconfig").path }

    /// Settings reading the fixture's kubeconfig, with a fixed clock and `environment` for in-cluster runs.
    func settings(environment: [String: String] = [:], serviceAccount: String = "/nonexistent") -> KubernetesSettings {
        KubernetesSettings(
            kubeconfigPath: kubeconfig, serviceAccountDirectory: serviceAccount, environment: environment,
            now: { Self.now })
    }

    /// Runs `spec` with the core actions and the Kubernetes bundles.
    func run(
        _ spec: WorkflowSpec, inputs: [String: JSONValue] = [:], settings: KubernetesSettings? = nil
    ) async throws -> InstanceSummary {
        var registry = ActionRegistry.core(clock: ContinuousClock())
        registry.registerKubernetes(settings ?? self.settings())
        return try await BundleWorkflow.run(spec, registry: registry, inputs: inputs, credentials: directory)
    }

    /// Writes the credential file with `tokens`.
    func writeCredentials(_ tokens: [String: String]) throws {
        try BundleWorkflow.writeCredentials(tokens, label: Self.label, in: directory)
    }

    /// Runs `body` with a fixture around `standIn`, removing everything afterwards.
    static func with(
        _ standIn: KubernetesStandIn, _ body: (KubernetesFixture) async throws -> Void
    ) async throws {
        let certificates = try await TestCertificates.make()
        let other = try await TestCertificates.make()
        defer {
            try? FileManager.default.removeItem(at: certificates.directory)
            try? FileManager.default.removeItem(at: other.directory)
        }
        let context = try await certificates.serverContext("apiserver")
        try await StandInServer.with(tls: context, standIn.respond) { server in
            let fixture = KubernetesFixture(
                server: server, standIn: standIn, directory: certificates.directory, certificates: certificates)
            let authority = try Data(contentsOf: URL(fileURLWithPath: certificates.authority)).base64EncodedString()
            let otherAuthority = try Data(contentsOf: URL(fileURLWithPath: other.authority)).base64EncodedString()
            try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: stand-in
              cluster: {server: "\(server.baseURL)", certificate-authority-data: "\(authority)"}
            - name: other-ca
              cluster: {server: "\(server.baseURL)", certificate-authority-data: "\(otherAuthority)"}
            users:
            - name: runner
              user: {token: \(Self.token)}
            - name: stranger
              user: {token: not-the-token}
            contexts:
            - name: stand-in
              context: {cluster: stand-in, user: runner}
            - name: wrong-ca
              context: {cluster: other-ca, user: runner}
            - name: wrong-token
              context: {cluster: stand-in, user: stranger}
            current-context: stand-in
            """.write(toFile: fixture.kubeconfig, atomically: true, encoding: .utf8)
            try fixture.writeCredentials(["context": "stand-in"])
            try await body(fixture)
        }
    }

    /// A stand-in holding the `shop` namespace's `web` Deployment, its pods `web-1`, `web-2` and a `db-1` pod.
    static func shop() -> KubernetesStandIn {
        let standIn = KubernetesStandIn(
            token: token, logs: ["web-1": "starting\nlistening on :8080\nGET /health 200\n"])
        standIn.seed(
            "/apis/apps/v1/namespaces/shop/deployments",
            [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "web", "namespace": "shop", "uid": "uid-web", "labels": ["app": "web"]],
                "spec": [
                    "replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                    "template": [
                        "metadata": ["labels": ["app": "web"]],
                        "spec": ["containers": [["name": "web", "image": "shop/web:3"]]],
                    ],
                ],
                "status": ["readyReplicas": 2],
            ])
        for (name, app) in [("web-1", "web"), ("web-2", "web"), ("db-1", "db")] {
            standIn.seed(
                "/api/v1/namespaces/shop/pods",
                [
                    "metadata": ["name": .string(name), "namespace": "shop", "labels": ["app": .string(app)]],
                    "status": ["phase": "Running"],
                ])
        }
        return standIn
    }
}
