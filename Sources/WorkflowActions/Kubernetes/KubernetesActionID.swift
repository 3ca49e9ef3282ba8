/// The action ids of the runner's Kubernetes bundles that are not a generic verb of a resource.
public enum KubernetesActionID {
    /// The prefix of every Kubernetes action id.
    public static let prefix = "com.datadoghq.kubernetes."
    /// `….apps.restartDeployment`, ``RestartDeploymentAction``.
    public static let restartDeployment = prefix + "apps.restartDeployment"
    /// `….apps.rollbackDeployment`, ``RollbackDeploymentAction``.
    public static let rollbackDeployment = prefix + "apps.rollbackDeployment"
    /// `….apps.scaleDeployment`, ``ScaleReplicasAction`` of Deployments.
    public static let scaleDeployment = prefix + "apps.scaleDeployment"
    /// `….apps.scaleStatefulSetHorizontally`, ``ScaleReplicasAction`` of StatefulSets.
    public static let scaleStatefulSetHorizontally = prefix + "apps.scaleStatefulSetHorizontally"
    /// `….apps.scaleDeploymentVertically`, ``ScaleVerticallyAction`` of Deployments.
    public static let scaleDeploymentVertically = prefix + "apps.scaleDeploymentVertically"
    /// `….apps.scaleStatefulSetVertically`, ``ScaleVerticallyAction`` of StatefulSets.
    public static let scaleStatefulSetVertically = prefix + "apps.scaleStatefulSetVertically"
    /// `….apps.updateAutoscalerLimits`, ``UpdateAutoscalerLimitsAction``.
    public static let updateAutoscalerLimits = prefix + "apps.updateAutoscalerLimits"
    /// `….core.getPodLogs`, ``PodLogsAction``.
    public static let getPodLogs = prefix + "core.getPodLogs"
    /// `….core.testConnection`, ``KubernetesTestConnectionAction``.
    public static let testConnection = prefix + "core.testConnection"

    /// The id of `verb` on `resource` (`….apps.getDeployment`, `….core.deleteMultiplePods`); `nil` when the
    /// runner has no such action (`deleteMultiple` of a resource without it).
    public static func id(_ verb: KubernetesVerb, _ resource: KubernetesResource) -> String? {
        let base = prefix + resource.bundle + "."
        guard verb == .deleteMultiple else { return base + verb.rawValue + resource.kind }
        return resource.deleteMultiple.map { base + "deleteMultiple" + $0 }
    }

    /// The id of `verb` on custom objects (`….customresources.getCustomObject`, `…ClusterCustomObject`,
    /// `deleteMultipleCustomObjects`).
    public static func customObject(_ verb: KubernetesVerb, cluster: Bool) -> String {
        let kind = cluster ? "ClusterCustomObject" : "CustomObject"
        return prefix + "customresources." + (verb == .deleteMultiple ? "deleteMultiple\(kind)s" : verb.rawValue + kind)
    }

    /// What every Kubernetes action needs.
    static let requirements =
        "Kubernetes bundles; a connection whose only token is `context` (a context of ~/.kube/config), or none "
        + "(the in-cluster service account)"
}

extension ActionRegistry {
    /// Registers the runner's Kubernetes bundles (`apps`, `core`, `batch`, `apiextensions`, `discovery`,
    /// `admissionregistration`, `customresources`): every generic verb of ``KubernetesResource/all`` and of custom
    /// objects, and the workload (restart, rollback, scale), autoscaler, pod log and connection test actions.
    public mutating func registerKubernetes(_ settings: KubernetesSettings = KubernetesSettings()) {
        for resource in KubernetesResource.all {
            for verb in KubernetesVerb.allCases {
                guard let id = KubernetesActionID.id(verb, resource) else { continue }
                register(id, KubernetesVerbAction(resource, verb, settings: settings))
            }
        }
        for cluster in [false, true] {
            for verb in KubernetesVerb.allCases {
                register(
                    KubernetesActionID.customObject(verb, cluster: cluster),
                    CustomObjectAction(verb, cluster: cluster, settings: settings))
            }
        }
        register(KubernetesActionID.restartDeployment, RestartDeploymentAction(settings: settings))
        register(KubernetesActionID.scaleDeployment, ScaleReplicasAction(WorkloadPatch.deployment, settings: settings))
        register(
            KubernetesActionID.scaleStatefulSetHorizontally,
            ScaleReplicasAction(WorkloadPatch.statefulSet, settings: settings))
        register(
            KubernetesActionID.scaleDeploymentVertically,
            ScaleVerticallyAction(WorkloadPatch.deployment, settings: settings))
        register(
            KubernetesActionID.scaleStatefulSetVertically,
            ScaleVerticallyAction(WorkloadPatch.statefulSet, settings: settings))
        register(KubernetesActionID.updateAutoscalerLimits, UpdateAutoscalerLimitsAction(settings: settings))
        register(KubernetesActionID.rollbackDeployment, RollbackDeploymentAction(settings: settings))
        register(KubernetesActionID.getPodLogs, PodLogsAction(settings: settings))
        register(KubernetesActionID.testConnection, KubernetesTestConnectionAction(settings: settings))
    }
}
