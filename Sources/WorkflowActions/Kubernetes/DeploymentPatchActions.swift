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
        return try await DeploymentPatch.send(patch, invocation, settings)
    }
}

/// `com.datadoghq.kubernetes.apps.scaleDeployment`: a merge patch of `spec.replicas`. Inputs `namespace`, `name`,
/// `replicas`; outputs the Deployment.
public struct ScaleDeploymentAction: Action {
    private let settings: KubernetesSettings

    public init(settings: KubernetesSettings = KubernetesSettings()) { self.settings = settings }

    /// Patches the Deployment.
    /// - Throws: ``ActionError`` `.invalidInput` for `replicas` that is not a whole number from 0 to 2³¹ − 1;
    ///   `.failed` with the API's message; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let replicas = try invocation.runnerInteger("replicas", in: 0...Int(Int32.max)) ?? 0
        return try await DeploymentPatch.send(["spec": ["replicas": .number(Double(replicas))]], invocation, settings)
    }
}

/// The merge patch of a Deployment that restart and scale send.
enum DeploymentPatch {
    static let resource = KubernetesResource.apps.first { $0.kind == "Deployment" } ?? KubernetesResource.apps[0]

    static func send(
        _ patch: JSONValue, _ invocation: ActionInvocation, _ settings: KubernetesSettings
    ) async throws(ActionError) -> ActionResult {
        let path = try resource.path(
            namespace: try invocation.runnerString("namespace"), name: try invocation.runnerString("name"))
        return try await settings.run(invocation) { client throws(ActionError) in
            KubernetesPath.typedOutput(
                try await client.json("PATCH", path, body: patch, contentType: "application/merge-patch+json"))
        }
    }
}

extension RestartDeploymentAction: DescribedAction {
    public var outputShape: JSONValue { ["metadata": .emptyObject, "spec": .emptyObject, "status": .emptyObject] }
    public var requirements: String { KubernetesActionID.requirements }
}

extension ScaleDeploymentAction: DescribedAction {
    public var outputShape: JSONValue { ["metadata": .emptyObject, "spec": .emptyObject, "status": .emptyObject] }
    public var requirements: String { KubernetesActionID.requirements }
}
