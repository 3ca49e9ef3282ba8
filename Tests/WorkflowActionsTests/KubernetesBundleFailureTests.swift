import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// Rolling back a Deployment, and how the Kubernetes actions fail: the API's `Status` messages, TLS with the
/// wrong CA, a rejected token, connections the runner refuses, the in-cluster service account, the task time
/// limit — against the HTTPS stand-in of the Kubernetes API.
@Suite("Kubernetes bundles: rollback and failures")
struct KubernetesBundleFailureTests {
    private static let apps = KubernetesActionID.prefix + "apps."

    /// The failure of a one-step workflow of `action` with `parameters` (connection `label`).
    private func failure(
        _ action: String, _ parameters: [String: JSONValue], in fixture: KubernetesFixture,
        label: String? = KubernetesFixture.label, settings: KubernetesSettings? = nil
    ) async throws -> StepFailure? {
        let summary = try await fixture.run(
            BundleWorkflow.chain([("Step", action, parameters)], label: label), settings: settings)
        #expect(summary.status == .stepError)
        return summary.stepSummary("Step")?.error
    }

    @Test(
        "rollbackDeployment puts back the previous revision's template, or the one named; server dry runs store nothing"
    )
    func rollback() async throws {
        let standIn = KubernetesFixture.shop()
        let deployments = "/apis/apps/v1/namespaces/shop/deployments"
        standIn.seed(
            deployments,
            [
                "metadata": ["name": "api", "uid": "uid-api", "labels": ["app": "api"]],
                "spec": ["selector": ["matchLabels": ["app": "api"]], "template": Self.template("api:3")],
            ])
        for (revision, owner) in [(1, "uid-api"), (2, "uid-api"), (3, "uid-api"), (5, "uid-other")] {
            standIn.seed(
                "/apis/apps/v1/namespaces/shop/replicasets",
                [
                    "metadata": [
                        "name": .string("api-\(revision)"), "labels": ["app": "api"],
                        "annotations": ["deployment.kubernetes.io/revision": .string(String(revision))],
                        "ownerReferences": [
                            ["kind": "Deployment", "name": "api", "uid": .string(owner), "controller": true]
                        ],
                    ],
                    "spec": ["template": Self.template("api:\(revision)")],
                ])
        }
        try await KubernetesFixture.with(standIn) { fixture in
            let spec = BundleWorkflow.chain(
                [
                    ("Back", Self.apps + "rollbackDeployment", ["namespace": "shop", "name": "api"]),
                    (
                        "Rehearse", Self.apps + "rollbackDeployment",
                        ["namespace": "shop", "name": "api", "toRevision": 1, "dryRunStrategy": "server"]
                    ),
                    (
                        "Missing", Self.apps + "rollbackDeployment",
                        ["namespace": "shop", "name": "api", "toRevision": 9]
                    ),
                ], label: KubernetesFixture.label)
            let summary = try await fixture.run(spec)
            #expect(summary.stepSummary("Back")?.outputs == .emptyObject)
            let template = fixture.standIn.object(deployments, "api")?["spec"]?["template"]
            #expect(template?["spec"]?["containers"]?.arrayValue?.first?["image"] == "api:2")
            #expect(template?["metadata"]?["labels"] == ["app": "api"])
            let puts = fixture.server.requests.filter { $0.method == "PUT" }
            #expect(puts.count == 2)
            #expect(puts.last?.query == "dryRun=All")
            let list = fixture.server.requests.first { $0.path.hasSuffix("/replicasets") }
            #expect(list?.query == "labelSelector=app%3Dapi")
            #expect(summary.stepSummary("Missing")?.error?.message == "revision 9 not found for deployment api")
        }
    }

    @Test("the API's Status message, a rejected token, and a cluster whose certificate the CA does not sign")
    func apiAndTransportErrors() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            let missing = try await failure(
                Self.apps + "getDeployment", ["namespace": "shop", "name": "ghost"], in: fixture)
            #expect(missing?.message == "deployments.apps \"ghost\" not found")
            #expect(missing?.code == "FAILED")
            let duplicate = try await failure(
                KubernetesActionID.prefix + "core.createPod",
                ["namespace": "shop", "body": ["metadata": ["name": "web-1"]]],
                in: fixture)
            #expect(duplicate?.message == "pods \"web-1\" already exists")
            try fixture.writeCredentials(["context": "wrong-token"])
            let rejected = try await failure(Self.apps + "listDeployment", ["namespace": "shop"], in: fixture)
            #expect(rejected?.message == "Unauthorized")
            let tested = try await fixture.run(
                BundleWorkflow.chain([("Test", KubernetesActionID.testConnection, [:])], label: KubernetesFixture.label)
            )
            #expect(tested.status == .succeeded)
            #expect(tested.stepSummary("Test")?.outputs?["connectionValid"] == false)
            #expect(
                tested.stepSummary("Test")?.outputs?["errors"] == [
                    "Failed to connect to Kubernetes cluster: Unauthorized"
                ])
            try fixture.writeCredentials(["context": "wrong-ca"])
            let untrusted = try await failure(
                Self.apps + "getDeployment", ["namespace": "shop", "name": "web"], in: fixture)
            #expect(
                untrusted?.message.hasPrefix("cannot reach the Kubernetes API at \(fixture.server.baseURL)") == true)
            #expect(fixture.server.requests.count == 4)
        }
    }

    @Test("connections the runner refuses, a missing context, pod log inputs it refuses")
    func refusedConnectionsAndInputs() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            try fixture.writeCredentials(["context": "stand-in", "token": "extra"])
            let two = try await failure(Self.apps + "getDeployment", ["namespace": "shop", "name": "web"], in: fixture)
            #expect(two?.message.hasPrefix("unsupported credential type") == true)
            try fixture.writeCredentials(["context": "nope"])
            let context = try await failure(
                Self.apps + "getDeployment", ["namespace": "shop", "name": "web"], in: fixture)
            #expect(context?.message == "kubeconfig \(fixture.kubeconfig): context \"nope\" does not exist")
            let logs = try await failure(
                KubernetesActionID.getPodLogs,
                ["namespace": "shop", "name": "web-1", "sinceSeconds": 60, "sinceTime": "2026-12-06T08:00:00Z"],
                in: fixture)
            #expect(logs?.message == "only one of sinceSeconds and sinceTime may be specified")
            let limit = try await failure(
                KubernetesActionID.getPodLogs, ["namespace": "shop", "name": "web-1", "limitBytes": 10_000_000],
                in: fixture)
            #expect(limit?.message == "limitBytes must not exceed 9437184 bytes")
            let path = try await failure(
                Self.apps + "getDeployment", ["namespace": "shop", "name": "../web"], in: fixture)
            #expect(path?.message == "resource name may not contain '/'")
            #expect(fixture.server.requests.isEmpty)
        }
    }

    @Test("without a connection: the in-cluster service account's token and CA, or a message saying what is missing")
    func inCluster() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            let none = try await failure(
                Self.apps + "getDeployment", ["namespace": "shop", "name": "web"], in: fixture, label: nil,
                settings: fixture.settings())
            #expect(none?.message.hasPrefix("unable to load in-cluster configuration") == true)
            let account = fixture.directory.appendingPathComponent("serviceaccount")
            try FileManager.default.createDirectory(at: account, withIntermediateDirectories: true)
            try "\(KubernetesFixture.token)\n".write(
                to: account.appendingPathComponent("token"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(
                atPath: fixture.certificates.authority, toPath: account.appendingPathComponent("ca.crt").path)
            let settings = fixture.settings(
                environment: [
                    "KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": String(fixture.server.port),
                ],
                serviceAccount: account.path)
            let summary = try await fixture.run(
                BundleWorkflow.chain(
                    [("Get", Self.apps + "getDeployment", ["namespace": "shop", "name": "web"])], label: nil),
                settings: settings)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.stepSummary("Get")?.outputs?["metadata"]?["uid"] == "uid-web")
        }
    }

    // The stand-in answers after 3 s with a list: a step that waited for it would succeed.
    @Test("a cluster slower than the task time limit fails the step with the runner's message")
    func timeout() async throws {
        let slow = KubernetesStandIn(token: KubernetesFixture.token, delay: .seconds(3))
        try await KubernetesFixture.with(slow) { fixture in
            let late = try await failure(
                Self.apps + "listDeployment", ["namespace": "shop", "timeout": 1], in: fixture)
            #expect(late?.message == "task execution exceeded global timeout of 1 seconds")
            #expect(late?.code == "TIMED_OUT")
        }
    }

    private static func template(_ image: String) -> JSONValue {
        [
            "metadata": ["labels": ["app": "api", "pod-template-hash": .string("h\(image.count)")]],
            "spec": ["containers": [["name": "api", "image": .string(image)]]],
        ]
    }
}
