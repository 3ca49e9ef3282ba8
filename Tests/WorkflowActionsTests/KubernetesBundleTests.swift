import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The private action runner's Kubernetes bundles in whole workflow runs, against a stand-in of the Kubernetes API
/// over HTTPS on 127.0.0.1 (``KubernetesStandIn``; no cluster runs here), reached through a kubeconfig context
/// named by a runner credential file.
@Suite("Kubernetes bundles")
struct KubernetesBundleTests {
    private static let prefix = KubernetesActionID.prefix

    @Test("the sample reads, scales and restarts a Deployment, lists its pods by label and reads a pod's log")
    func sampleRunsAgainstTheStandIn() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            let spec = try BundleWorkflow.spec(at: BundleWorkflow.samples.appendingPathComponent("kubernetes.json"))
            let summary = try await fixture.run(
                spec, inputs: ["namespace": "shop", "deployment": "web", "replicas": 4])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.outputs["connected"] == true)
            let deployment = summary.outputs["deployment"]
            #expect(deployment?["spec"]?["replicas"] == 4)
            #expect(
                deployment?["spec"]?["template"]?["metadata"]?["annotations"]?["kubectl.kubernetes.io/restartedAt"]
                    == "2026-12-06T08:30:00Z")
            #expect(deployment?["kind"] == nil)
            #expect(
                summary.outputs["pods"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue } == [
                    "web-1", "web-2",
                ])
            #expect(summary.outputs["logs"] == "starting\nlistening on :8080\nGET /health 200\n")
            let user = summary.stepSummary("Check_cluster")?.outputs?["userInfo"]
            #expect(user?["username"] == "system:serviceaccount:ops:stepwise")
            #expect(user?["extra"]?["authentication.kubernetes.io/pod-name"] == "runner-0")
            #expect(summary.stepSummary("Check_cluster")?.outputs?["serverInfo"]?["version"] == "v1.31.2")
            #expect(
                fixture.standIn.object("/apis/apps/v1/namespaces/shop/deployments", "web")?["spec"]?["replicas"] == 4)
            let patches = fixture.server.requests.filter { $0.method == "PATCH" }
            #expect(patches.map(\.path) == Array(repeating: "/apis/apps/v1/namespaces/shop/deployments/web", count: 2))
            #expect(patches.allSatisfy { $0.headers["content-type"] == "application/merge-patch+json" })
            #expect(
                fixture.server.requests.allSatisfy {
                    $0.headers["authorization"] == "Bearer \(KubernetesFixture.token)"
                })
            let list = fixture.server.requests.first { $0.path == "/api/v1/namespaces/shop/pods" }
            #expect(list?.query == "labelSelector=app%3Dweb&limit=5")
        }
    }

    @Test("create, get, JSON Patch, update, list, delete (dry run and real) and deleteMultiple, each one REST call")
    func genericVerbs() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            let core = Self.prefix + "core."
            let spec = BundleWorkflow.chain(
                [
                    (
                        "Create", core + "createConfigMap",
                        [
                            "namespace": "shop", "fieldManager": "stepwise",
                            "body": [
                                "apiVersion": "v1", "kind": "ConfigMap",
                                "metadata": ["name": "settings", "labels": ["team": "ops"]], "data": ["mode": "blue"],
                            ],
                        ]
                    ),
                    ("Get", core + "getConfigMap", ["namespace": "shop", "name": "{{ Steps.Create.metadata.name }}"]),
                    (
                        "Patch", core + "patchConfigMap",
                        [
                            "namespace": "shop", "name": "settings", "force": false,
                            "body": [["op": "replace", "path": "/data/mode", "value": "green"]],
                        ]
                    ),
                    (
                        "Update", core + "updateConfigMap",
                        [
                            "namespace": "shop",
                            "body": [
                                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"],
                                "data": ["mode": "{{ Steps.Patch.data.mode }}-2"],
                            ],
                        ]
                    ),
                    ("List", core + "listConfigMap", ["namespace": "shop"]),
                    ("Rehearse", core + "deleteConfigMap", ["namespace": "shop", "name": "settings", "dryRun": "All"]),
                    (
                        "Delete", core + "deleteConfigMap",
                        ["namespace": "shop", "name": "settings", "gracePeriodSeconds": 0]
                    ),
                    ("Sweep", core + "deleteMultiplePods", ["namespace": "shop", "labelSelector": "app=web"]),
                    ("Left", core + "listPod", ["namespace": "shop"]),
                ], label: KubernetesFixture.label)
            let summary = try await fixture.run(spec)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            let created = summary.stepSummary("Create")?.outputs
            #expect(created?["kind"] == nil && created?["apiVersion"] == nil)
            #expect(created?["metadata"]?["namespace"] == "shop")
            #expect(summary.stepSummary("Get")?.outputs?["data"] == ["mode": "blue"])
            #expect(summary.stepSummary("Patch")?.outputs?["data"] == ["mode": "green"])
            #expect(summary.stepSummary("Update")?.outputs?["data"] == ["mode": "green-2"])
            #expect(summary.stepSummary("List")?.outputs?["items"]?.arrayValue?.count == 1)
            #expect(summary.stepSummary("List")?.outputs?["metadata"] == ["resourceVersion": "42"])
            #expect(summary.stepSummary("Delete")?.outputs == .emptyObject)
            #expect(fixture.standIn.object("/api/v1/namespaces/shop/configmaps", "settings") == nil)
            #expect(
                summary.stepSummary("Left")?.outputs?["items"]?.arrayValue?.compactMap {
                    $0["metadata"]?["name"]?.stringValue
                } == ["db-1"])
            let requests = fixture.server.requests
            #expect(requests.first { $0.method == "POST" }?.query == "fieldManager=stepwise")
            let patch = requests.first { $0.method == "PATCH" }
            #expect(patch?.headers["content-type"] == "application/json-patch+json")
            #expect(patch?.query == "force=false")
            #expect(requests.first { $0.method == "PUT" }?.path == "/api/v1/namespaces/shop/configmaps/settings")
            let deletes = requests.filter { $0.method == "DELETE" }
            #expect(
                deletes.map(\.path) == [
                    "/api/v1/namespaces/shop/configmaps/settings", "/api/v1/namespaces/shop/configmaps/settings",
                    "/api/v1/namespaces/shop/pods",
                ])
            #expect(deletes[0].json["dryRun"] == ["All"])
            #expect(deletes[1].json == ["kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0])
            #expect(deletes[2].query == "labelSelector=app%3Dweb")
        }
    }

    @Test("custom objects of a custom group, a batch Job; Kubernetes' own groups refused for custom objects")
    func customObjectsAndJobs() async throws {
        try await KubernetesFixture.with(KubernetesFixture.shop()) { fixture in
            let custom = Self.prefix + "customresources."
            let crd: [String: JSONValue] = [
                "group": "stable.example.com", "version": "v1", "plural": "crontabs", "namespace": "shop",
            ]
            var create = crd
            create["body"] = [
                "apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": ["name": "nightly"],
                "spec": ["cronSpec": "0 3 * * *"],
            ]
            var patch = crd
            patch["name"] = "{{ Steps.Create.metadata.name }}"
            patch["body"] = [["op": "add", "path": "/spec/image", "value": "backup:2"]]
            var delete = crd
            delete["name"] = "nightly"
            let spec = BundleWorkflow.chain(
                [
                    ("Create", custom + "createCustomObject", create),
                    ("Patch", custom + "patchCustomObject", patch),
                    ("List", custom + "listCustomObject", crd),
                    ("Delete", custom + "deleteCustomObject", delete),
                    (
                        "Job", Self.prefix + "batch.createJob",
                        [
                            "namespace": "shop",
                            "body": ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "migrate"]],
                        ]
                    ),
                    ("Jobs", Self.prefix + "batch.listJob", ["namespace": "shop"]),
                    (
                        "Crd", Self.prefix + "apiextensions.createCustomResourceDefinition",
                        ["body": ["metadata": ["name": "crontabs.stable.example.com"]]]
                    ),
                    ("Crds", Self.prefix + "apiextensions.listCustomResourceDefinition", [:]),
                    (
                        "Slices", Self.prefix + "discovery.listEndpointSlice",
                        ["namespace": "shop", "labelSelector": "app=web"]
                    ),
                    (
                        "Native", custom + "getClusterCustomObject",
                        ["group": "apps", "version": "v1", "plural": "deployments", "name": "web"]
                    ),
                ], label: KubernetesFixture.label)
            let summary = try await fixture.run(spec)
            #expect(summary.stepSummary("Create")?.outputs?["kind"] == "CronTab")
            #expect(summary.stepSummary("Patch")?.outputs?["spec"]?["image"] == "backup:2")
            #expect(summary.stepSummary("List")?.outputs?["items"]?.arrayValue?.count == 1)
            #expect(summary.stepSummary("Delete")?.outputs == .emptyObject)
            #expect(summary.stepSummary("Jobs")?.outputs?["items"]?[0]?["metadata"]?["name"] == "migrate")
            #expect(fixture.server.requests.first?.path == "/apis/stable.example.com/v1/namespaces/shop/crontabs")
            #expect(
                summary.stepSummary("Crds")?.outputs?["items"]?[0]?["metadata"]?["name"]
                    == "crontabs.stable.example.com")
            #expect(summary.stepSummary("Slices")?.outputs?["items"] == [])
            let paths = fixture.server.requests.map(\.path)
            #expect(paths.contains("/apis/apiextensions.k8s.io/v1/customresourcedefinitions"))
            #expect(paths.contains("/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices"))
            #expect(summary.status == .stepError)
            #expect(
                summary.stepSummary("Native")?.error?.message
                    == "native Kubernetes API group \"apps\" is not available through custom resource actions")
        }
    }
}

extension JSONValue {
    /// The element at `index` of an array.
    fileprivate subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
