/// One kind of Kubernetes object the private action runner's Kubernetes bundles act on, as data: where its REST
/// path lives and which bundle offers its verbs. Each resource gets `get`, `list`, `create`, `update`, `patch`,
/// `delete` (`com.datadoghq.kubernetes.<bundle>.<verb><Kind>`) and, when the runner offers it,
/// `deleteMultiple<Plural>`.
public struct KubernetesResource: Sendable, Hashable {
    /// The bundle (`apps`, `core`, `batch`, `apiextensions`, `discovery`, `admissionregistration`): the action id is
    /// `com.datadoghq.kubernetes.<bundle>.…`.
    public var bundle: String
    /// `Deployment`, `ConfigMap`, …
    public var kind: String
    /// The resource name in paths: `deployments`, `configmaps`, …
    public var plural: String
    /// The API group (`apps`, `batch`; empty for the core group).
    public var group: String
    /// The API version (`v1`).
    public var version: String
    /// Whether objects live in a namespace (`/namespaces/{namespace}/…`).
    public var namespaced: Bool
    /// The `deleteMultiple…` action's suffix (`Deployments`), or `nil` when the runner has none.
    public var deleteMultiple: String?
    /// The members of the runner's typed output besides `metadata` (`spec`, `status`; `webhooks` for the webhook
    /// configurations), for dry runs.
    public var outputFields: [String] = ["spec", "status"]

    /// `/api/v1` for the core group, else `/apis/<group>/<version>`.
    public var groupPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The resources of the runner's `apps`, `core`, `batch`, `apiextensions`, `discovery` and
    /// `admissionregistration` bundles.
    public static let all: [KubernetesResource] = apps + core + batch + apiextensions + discovery + admission

    /// The HorizontalPodAutoscaler (`autoscaling/v2`) that `apps.updateAutoscalerLimits` patches; the runner has no
    /// generic verbs for it.
    public static let horizontalPodAutoscaler = KubernetesResource(
        bundle: "apps", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers", group: "autoscaling",
        version: "v2", namespaced: true, deleteMultiple: nil)

    private static func make(
        _ bundle: String, _ kind: String, _ plural: String, group: String, namespaced: Bool = true,
        many: String? = nil, fields: [String] = ["spec", "status"]
    ) -> KubernetesResource {
        KubernetesResource(
            bundle: bundle, kind: kind, plural: plural, group: group, version: "v1", namespaced: namespaced,
            deleteMultiple: many, outputFields: fields)
    }

    /// The runner's `admissionregistration` bundle (`admissionregistration.k8s.io/v1`, every kind cluster-wide).
    static let admission: [KubernetesResource] = [
        make(
            "admissionregistration", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
            group: "admissionregistration.k8s.io", namespaced: false, many: "MutatingWebhookConfigurations",
            fields: ["webhooks"]),
        make(
            "admissionregistration", "ValidatingAdmissionPolicy", "validatingadmissionpolicies",
            group: "admissionregistration.k8s.io", namespaced: false, many: "ValidatingAdmissionPolicies"),
        make(
            "admissionregistration", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings",
            group: "admissionregistration.k8s.io", namespaced: false, many: "ValidatingAdmissionPolicyBindings",
            fields: ["spec"]),
        make(
            "admissionregistration", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations",
            group: "admissionregistration.k8s.io", namespaced: false, many: "ValidatingWebhookConfigurations",
            fields: ["webhooks"]),
    ]

    static let apps: [KubernetesResource] = [
        make("apps", "ControllerRevision", "controllerrevisions", group: "apps", many: "ControllerRevisions"),
        make("apps", "DaemonSet", "daemonsets", group: "apps", many: "DaemonSets"),
        make("apps", "Deployment", "deployments", group: "apps", many: "Deployments"),
        make("apps", "ReplicaSet", "replicasets", group: "apps", many: "ReplicaSets"),
        make("apps", "StatefulSet", "statefulsets", group: "apps", many: "StatefulSets"),
    ]

    static let core: [KubernetesResource] = [
        make("core", "ConfigMap", "configmaps", group: "", many: "ConfigMaps"),
        make("core", "Endpoints", "endpoints", group: "", many: "Endpoints"),
        make("core", "Event", "events", group: "", many: "Events"),
        make("core", "LimitRange", "limitranges", group: "", many: "LimitRanges"),
        make("core", "Namespace", "namespaces", group: "", namespaced: false),
        make("core", "Node", "nodes", group: "", namespaced: false, many: "Nodes"),
        make("core", "PersistentVolume", "persistentvolumes", group: "", namespaced: false, many: "PersistentVolumes"),
        make("core", "PersistentVolumeClaim", "persistentvolumeclaims", group: "", many: "PersistentVolumeClaims"),
        make("core", "Pod", "pods", group: "", many: "Pods"),
        make("core", "PodTemplate", "podtemplates", group: "", many: "PodTemplates"),
        make("core", "ReplicationController", "replicationcontrollers", group: "", many: "ReplicationControllers"),
        make("core", "ResourceQuota", "resourcequotas", group: "", many: "ResourceQuotas"),
        make("core", "Service", "services", group: ""),
        make("core", "ServiceAccount", "serviceaccounts", group: "", many: "ServiceAccounts"),
    ]

    static let apiextensions: [KubernetesResource] = [
        make(
            "apiextensions", "CustomResourceDefinition", "customresourcedefinitions", group: "apiextensions.k8s.io",
            namespaced: false, many: "CustomResourceDefinitions")
    ]

    static let discovery: [KubernetesResource] = [
        make("discovery", "EndpointSlice", "endpointslices", group: "discovery.k8s.io", many: "EndpointSlices")
    ]

    static let batch: [KubernetesResource] = [
        make("batch", "Job", "jobs", group: "batch", many: "Jobs"),
        make("batch", "CronJob", "cronjobs", group: "batch", many: "CronJobs"),
    ]
}
