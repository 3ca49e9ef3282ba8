import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's workload scaling actions (`scaleStatefulSetHorizontally`, `scaleDeploymentVertically`,
/// `scaleStatefulSetVertically`, `updateAutoscalerLimits`) in whole workflow runs against the HTTPS stand-in of
/// the Kubernetes API, and how each fails.
@Suite("Kubernetes bundles: scaling workloads and autoscalers")
struct KubernetesScalingTests {
    private static let apps = KubernetesActionID.prefix + "apps."
    private static let statefulSets = "/apis/apps/v1/namespaces/shop/statefulsets"
    private static let deployments = "/apis/apps/v1/namespaces/shop/deployments"
    private static let autoscalers = "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers"

    /// The shop's stand-in with the `db` StatefulSet (containers `postgres`, `exporter`) and the `web` autoscaler.
    static func standIn() -> KubernetesStandIn {
        let standIn = KubernetesFixture.shop()
        standIn.seed(
            statefulSets,
            [
                "apiVersion": "apps/v1", "kind": "StatefulSet",
                "metadata": ["name": "db", "namespace": "shop", "uid": "uid-db"],
                "spec": [
                    "replicas": 1, "serviceName": "db",
                    "template": [
                        "spec": [
                            "containers": [
                                [
                                    "name": "postgres", "image": "postgres:17",
                                    "resources": ["requests": ["cpu": "500m", "memory": "1Gi"]],
                                ],
                                ["name": "exporter", "image": "exporter:1"],
                            ]
                        ]
                    ],
                ],
                "status": ["replicas": 1],
            ])
        standIn.seed(
            autoscalers,
            [
                "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                "metadata": ["name": "web", "namespace": "shop"],
                "spec": [
                    "minReplicas": 2, "maxReplicas": 5,
                    "scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "web"],
                ],
                "status": ["currentReplicas": 2],
            ])
        return standIn
    }

    @Test("templated inputs scale a StatefulSet out and up, a Deployment up and an autoscaler's limits")
    func scalesThroughAWorkflow() async throws {
        try await KubernetesFixture.with(Self.standIn()) { fixture in
            let spec = BundleWorkflow.chain(
                [
                    (
                        "Out", Self.apps + "scaleStatefulSetHorizontally",
                        [
                            "namespace": "shop", "name": "{{ Trigger.statefulSet }}",
                            "replicas": "{{ Trigger.replicas }}",
                        ]
                    ),
                    (
                        "Up", Self.apps + "scaleStatefulSetVertically",
                        [
                            "namespace": "shop", "name": "{{ Steps.Out.metadata.name }}",
                            "containerUpdates": [
                                [
                                    "containerName": "postgres",
                                    "requests": ["cpu": "{{ Trigger.cpu }}"], "limits": ["memory": "4Gi"],
                                ],
                                ["containerName": "exporter", "limits": ["cpu": "100m", "memory": "64Mi"]],
                            ],
                        ]
                    ),
                    (
                        "Web", Self.apps + "scaleDeploymentVertically",
                        [
                            "namespace": "shop", "name": "web",
                            "containerUpdates": [
                                ["containerName": "web", "requests": ["cpu": "0.5", "memory": "256Mi"]]
                            ],
                        ]
                    ),
                    (
                        "Limits", Self.apps + "updateAutoscalerLimits",
                        ["namespace": "shop", "name": "web", "maxReplicas": "{{ Steps.Out.spec.replicas }}"]
                    ),
                ], label: KubernetesFixture.label)
            let summary = try await fixture.run(
                spec, inputs: ["statefulSet": "db", "replicas": 3, "cpu": "2"])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.stepSummary("Out")?.outputs?["spec"]?["replicas"] == 3)
            #expect(summary.stepSummary("Out")?.outputs?["kind"] == nil)
            let containers = summary.stepSummary("Up")?.outputs?["spec"]?["template"]?["spec"]?["containers"]
            #expect(
                containers?.arrayValue?.first?["resources"] == [
                    "requests": ["cpu": "2", "memory": "1Gi"], "limits": ["memory": "4Gi"],
                ])
            #expect(containers?.arrayValue?.first?["image"] == "postgres:17")
            #expect(containers?.arrayValue?.last?["resources"] == ["limits": ["cpu": "100m", "memory": "64Mi"]])
            let web = fixture.standIn.object(Self.deployments, "web")?["spec"]?["template"]?["spec"]?["containers"]
            #expect(web?.arrayValue?.first?["resources"] == ["requests": ["cpu": "0.5", "memory": "256Mi"]])
            #expect(web?.arrayValue?.first?["image"] == "shop/web:3")
            let autoscaler = summary.stepSummary("Limits")?.outputs?["horizontalPodAutoscaler"]
            #expect(autoscaler?["spec"]?["maxReplicas"] == 3)
            #expect(autoscaler?["spec"]?["minReplicas"] == 2)
            #expect(fixture.standIn.object(Self.autoscalers, "web")?["spec"]?["maxReplicas"] == 3)
            let patches = fixture.server.requests.filter { $0.method == "PATCH" }
            #expect(
                patches.map(\.headers["content-type"]) == [
                    "application/merge-patch+json", "application/strategic-merge-patch+json",
                    "application/strategic-merge-patch+json", "application/merge-patch+json",
                ])
            #expect(patches.first?.json == ["spec": ["replicas": 3]])
            #expect(patches.last?.json == ["spec": ["maxReplicas": 3]])
            #expect(patches.last?.path == Self.autoscalers + "/web")
            let reads = fixture.server.requests.filter { $0.method == "GET" }.map(\.path)
            #expect(reads == [Self.statefulSets + "/db", Self.deployments + "/web"])
        }
    }

    @Test("the kubernetes-scaling sample scales the db StatefulSet out and up and caps the web autoscaler")
    func sampleRunsAgainstTheStandIn() async throws {
        try await KubernetesFixture.with(Self.standIn()) { fixture in
            let spec = try BundleWorkflow.spec(
                at: BundleWorkflow.samples.appendingPathComponent("kubernetes-scaling.json"))
            let summary = try await fixture.run(
                spec,
                inputs: [
                    "namespace": "shop", "statefulSet": "db", "container": "postgres", "replicas": 4, "cpu": "1500m",
                    "memory": "6Gi", "autoscaler": "web",
                ])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            let postgres = summary.outputs["statefulSet"]?["spec"]?["template"]?["spec"]?["containers"]?.arrayValue?
                .first
            #expect(
                postgres?["resources"] == ["requests": ["cpu": "1500m", "memory": "1Gi"], "limits": ["memory": "6Gi"]])
            #expect(summary.outputs["statefulSet"]?["spec"]?["replicas"] == 4)
            #expect(summary.outputs["autoscaler"]?["spec"]?["maxReplicas"] == 4)
        }
    }

    @Test("missing workloads and containers, values that are not quantities, limits the runner refuses")
    func failures() async throws {
        try await KubernetesFixture.with(Self.standIn()) { fixture in
            let cases: [(String, [String: JSONValue], String)] = [
                (
                    "scaleStatefulSetHorizontally", ["namespace": "shop", "name": "ghost", "replicas": 2],
                    "statefulsets.apps \"ghost\" not found"
                ),
                (
                    "scaleDeploymentVertically",
                    ["namespace": "shop", "name": "ghost", "containerUpdates": [["containerName": "web"]]],
                    "failed to get deployment: deployments.apps \"ghost\" not found"
                ),
                (
                    "scaleStatefulSetVertically",
                    ["namespace": "shop", "name": "db", "containerUpdates": [["containerName": "web"]]],
                    "container web not found in stateful set db"
                ),
                (
                    "scaleStatefulSetVertically",
                    [
                        "namespace": "shop", "name": "db",
                        "containerUpdates": [["containerName": "postgres", "limits": ["memory": "4 GB"]]],
                    ],
                    "invalid memory limit format 4 GB: quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
                ),
                (
                    "scaleDeploymentVertically",
                    [
                        "namespace": "shop", "name": "web",
                        "containerUpdates": [["containerName": "web", "requests": ["cpu": "2mk"]]],
                    ],
                    "invalid CPU request format 2mk: unable to parse quantity's suffix"
                ),
                (
                    "scaleDeploymentVertically", ["namespace": "shop", "name": "web", "containerUpdates": []],
                    "containerUpdates cannot be empty"
                ),
                (
                    "scaleDeploymentVertically",
                    ["namespace": "shop", "name": "web", "containerUpdates": [["requests": ["cpu": "1"]]]],
                    "containerName cannot be empty"
                ),
                (
                    "scaleDeploymentVertically",
                    ["namespace": "shop", "name": "web", "containerUpdates": [["containerName": "web", "limits": 2]]],
                    "error unmarshaling inputs from JSON: input \"containerUpdates\" must be a list of {containerName, "
                        + "requests: {cpu, memory}, limits: {cpu, memory}} objects, got array"
                ),
                (
                    "updateAutoscalerLimits", ["namespace": "shop", "name": "web"],
                    "at least one of minReplicas or maxReplicas must be provided"
                ),
                (
                    "updateAutoscalerLimits", ["namespace": "shop", "name": "web", "minReplicas": 6, "maxReplicas": 4],
                    "minReplicas must be less than or equal to maxReplicas"
                ),
                (
                    "updateAutoscalerLimits", ["namespace": "shop", "name": "web", "maxReplicas": 0],
                    "maxReplicas must be greater than or equal to 1"
                ),
                (
                    "updateAutoscalerLimits", ["namespace": "shop", "name": "api", "minReplicas": 1],
                    "horizontalpodautoscalers.autoscaling \"api\" not found"
                ),
            ]
            for (action, parameters, message) in cases {
                let summary = try await fixture.run(
                    BundleWorkflow.chain([("Step", Self.apps + action, parameters)], label: KubernetesFixture.label))
                #expect(summary.status == .stepError, "\(action)")
                #expect(summary.stepSummary("Step")?.error?.message == message, "\(action)")
            }
            #expect(
                fixture.server.requests.filter { $0.method == "PATCH" }.map(\.path) == [
                    Self.statefulSets + "/ghost", Self.autoscalers + "/api",
                ])
            #expect(
                fixture.standIn.object(Self.statefulSets, "db")?["spec"]?["template"]?["spec"]?["containers"]?
                    .arrayValue?.first?["resources"] == ["requests": ["cpu": "500m", "memory": "1Gi"]])
        }
    }
}
