import Foundation
import WorkflowModel

/// The runner's `customresources` bundle: the generic verbs on objects of a custom resource named by `group`,
/// `version` and `plural` (`….getCustomObject` in a `namespace`, `….getClusterCustomObject` cluster-wide). The
/// group must be a custom one: the core group and Kubernetes' own groups (`apps`, `*.k8s.io`, …) are refused,
/// as the runner refuses them. Outputs are the objects as the API returns them.
public struct CustomObjectAction: Action {
    private let verb: KubernetesVerb
    private let cluster: Bool
    private let settings: KubernetesSettings

    public init(_ verb: KubernetesVerb, cluster: Bool, settings: KubernetesSettings = KubernetesSettings()) {
        self.verb = verb
        self.cluster = cluster
        self.settings = settings
    }

    /// Makes the call.
    /// - Throws: ``ActionError`` `.invalidInput` for a refused or malformed group, version or plural and inputs
    ///   of the wrong type; `.failed` with the API's message; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let resource = KubernetesResource(
            bundle: "customresources", kind: "", plural: try invocation.runnerString("plural"),
            group: try invocation.runnerString("group"), version: try invocation.runnerString("version"),
            namespaced: !cluster, deleteMultiple: nil)
        try CustomResourcePolicy.check(resource)
        let namespace = cluster ? "" : try invocation.runnerString("namespace")
        let call = try KubernetesCall(verb, resource, namespace: namespace, inputs: invocation)
        let verb = self.verb
        return try await settings.run(invocation) { client throws(ActionError) in
            let answer = try await call.send(with: client)
            return verb == .delete || verb == .deleteMultiple ? .emptyObject : answer
        }
    }
}

extension CustomObjectAction: DescribedAction {
    public var outputShape: JSONValue {
        switch verb {
        case .delete, .deleteMultiple: return .emptyObject
        case .list: return ["apiVersion": "", "kind": "", "metadata": .emptyObject, "items": []]
        default: return ["apiVersion": "", "kind": "", "metadata": .emptyObject, "spec": .emptyObject]
        }
    }

    public var requirements: String { KubernetesActionID.requirements + "; inputs group, version, plural" }
}

/// Which custom resources the `customresources` actions may name (the runner's default policy, without an
/// allow list).
enum CustomResourcePolicy {
    /// Kubernetes' own API groups outside `*.k8s.io` and `*.kubernetes.io`.
    static let nativeGroups: Set<String> = ["apps", "autoscaling", "batch", "extensions", "policy"]

    /// - Throws: ``ActionError`` `.invalidInput` with the runner's messages.
    static func check(_ resource: KubernetesResource) throws(ActionError) {
        let group = resource.group
        if !group.isEmpty, !isSubdomain(group) {
            throw ActionError(
                .invalidInput,
                "invalid Kubernetes resource group \"\(group)\": a lowercase RFC 1123 subdomain "
                    + "must consist of lower case alphanumeric characters, '-' or '.'")
        }
        for (field, value) in [("version", resource.version), ("resource", resource.plural)] where !isLabel(value) {
            throw ActionError(
                .invalidInput,
                "invalid Kubernetes resource \(field) \"\(value)\": a DNS-1035 label must consist of "
                    + "lower case alphanumeric characters or '-', start with a letter and end with one or a digit")
        }
        let key = (group.isEmpty ? "" : group + "/") + resource.version + "/" + resource.plural
        if group.isEmpty {
            throw ActionError(
                .invalidInput,
                "core Kubernetes resource \"\(key)\" is not available through custom resource actions: use the "
                    + "com.datadoghq.kubernetes.core actions")
        }
        if nativeGroups.contains(group) || group == "k8s.io" || group == "kubernetes.io" || group.hasSuffix(".k8s.io")
            || group.hasSuffix(".kubernetes.io")
        {
            throw ActionError(
                .invalidInput,
                "native Kubernetes API group \"\(group)\" is not available through custom resource actions")
        }
    }

    private static func isLabel(_ text: String) -> Bool {
        text.count <= 63 && text.range(of: "^[a-z]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) != nil
    }

    private static func isSubdomain(_ text: String) -> Bool {
        text.count <= 253
            && text.range(
                of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", options: .regularExpression)
                != nil
    }
}
