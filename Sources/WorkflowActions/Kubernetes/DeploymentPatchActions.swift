import Foundation
import WorkflowModel

/// `com.datadoghq.kubernetes.apps.restartDeployment`: a merge patch setting the pod template's
/// `kubectl.kubernetes.io/restartedAt` annotation to now (RFC 3339), as `kubectl rollout restart` does; the
/// Deployment then rolls its pods. Inputs `namespace`, `name`; outputs the Deployment (`{metadata, spec, status}`).
public struct RestartDeploymentAction: Action {
    private let settings: KubernetesSettings

    public init(settings: KubernetesSettings = KubernetesSettings()) { self.settings = settings }

    /// Patches the Deployment.
    /// - Throws: ``ActionError`` `.failed` with the API's message (`deployments.apps "web" not found`); `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let patch: JSONValue = [
            "spec": [
                "template": [
                    "metadata": [
                        "annotations": [
                            "kubectl.kubernetes.io/restartedAt": .string(formatter.string(from: settings.now()))
                        ]
                    ]
                ]
            ]
        ]
        return try await WorkloadPatch.send(patch, to: WorkloadPatch.deployment, invocation, settings)
    }
}

/// `com.datadoghq.kubernetes.apps.scaleDeployment` and `….apps.scaleStatefulSetHorizontally`: a merge patch of
/// the workload's `spec.replicas`. Inputs `namespace`, `name`, `replicas`; outputs the workload
/// (`{metadata, spec, status}`).
public struct ScaleReplicasAction: Action {
    /// The Deployment or StatefulSet resource.
    public let resource: KubernetesResource
    private let settings: KubernetesSettings

    public init(_ resource: KubernetesResource, settings: KubernetesSettings = KubernetesSettings()) {
        self.resource = resource
        self.settings = settings
    }

    /// Patches the workload.
    /// - Throws: ``ActionError`` `.invalidInput` for `replicas` that is not a whole number from 0 to 2³¹ − 1;
    ///   `.failed` with the API's message; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let replicas = try invocation.runnerInteger("replicas", in: 0...Int(Int32.max)) ?? 0
        return try await WorkloadPatch.send(
            ["spec": ["replicas": .number(Double(replicas))]], to: resource, invocation, settings)
    }
}

/// The patch of a workload that restart and the scale actions send.
enum WorkloadPatch {
    static let deployment = kind("Deployment")
    static let statefulSet = kind("StatefulSet")

    /// The `apps` resource of `kind`.
    static func kind(_ kind: String) -> KubernetesResource {
        KubernetesResource.apps.first { $0.kind == kind } ?? KubernetesResource.apps[0]
    }

    /// Sends `patch` (a merge patch unless `contentType` says otherwise) to the object named by the `namespace`
    /// and `name` inputs and returns it as the runner's typed output.
    static func send(
        _ patch: JSONValue, to resource: KubernetesResource, _ invocation: ActionInvocation,
        _ settings: KubernetesSettings, contentType: String = "application/merge-patch+json"
    ) async throws(ActionError) -> ActionResult {
        let path = try resource.path(
            namespace: try invocation.runnerString("namespace"), name: try invocation.runnerString("name"))
        return try await settings.run(invocation) { client throws(ActionError) in
            KubernetesPath.typedOutput(try await client.json("PATCH", path, body: patch, contentType: contentType))
        }
    }

    /// The dry-run shape of a workload.
    static let shape: JSONValue = ["metadata": .emptyObject, "spec": .emptyObject, "status": .emptyObject]
}

extension RestartDeploymentAction: DescribedAction {
    public var outputShape: JSONValue { WorkloadPatch.shape }
    public var requirements: String { KubernetesActionID.requirements }
}

extension ScaleReplicasAction: DescribedAction {
    public var outputShape: JSONValue { WorkloadPatch.shape }
    public var requirements: String { KubernetesActionID.requirements }
}
