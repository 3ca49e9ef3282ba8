import WorkflowModel

/// One generic verb of one resource of the runner's Kubernetes bundles (`com.datadoghq.kubernetes.apps.getDeployment`,
/// `….core.listPod`, `….batch.deleteMultipleJobs`, …): one REST call of the Kubernetes API.
///
/// Inputs: `namespace` (namespaced resources), `name` (get, patch, delete), `body` (create and update: the
/// object; patch: JSON Patch operations), and the runner's option fields (``KubernetesOptions``). Outputs: the
/// object without `apiVersion`/`kind` (get, create, update, patch), `{metadata, items}` (list), `{}` (delete,
/// deleteMultiple).
public struct KubernetesVerbAction: Action {
    /// The resource acted on.
    public let resource: KubernetesResource
    /// The verb.
    public let verb: KubernetesVerb
    private let settings: KubernetesSettings

    public init(
        _ resource: KubernetesResource, _ verb: KubernetesVerb, settings: KubernetesSettings = KubernetesSettings()
    ) {
        self.resource = resource
        self.verb = verb
        self.settings = settings
    }

    /// Makes the call.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type or an unusable connection; `.failed`
    ///   with the API's message; `.timedOut` with the runner's.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let call = try KubernetesCall(
            verb, resource, namespace: try invocation.runnerString("namespace"), inputs: invocation)
        let verb = self.verb
        return try await settings.run(invocation) { client throws(ActionError) in
            let answer = try await call.send(with: client)
            switch verb {
            case .delete, .deleteMultiple: return .emptyObject
            case .list: return ["metadata": answer["metadata"] ?? .emptyObject, "items": answer["items"] ?? []]
            default: return KubernetesPath.typedOutput(answer)
            }
        }
    }
}

extension KubernetesVerbAction: DescribedAction {
    public var outputShape: JSONValue {
        switch verb {
        case .delete, .deleteMultiple: return .emptyObject
        case .list: return ["metadata": .emptyObject, "items": []]
        default:
            var shape: [String: JSONValue] = ["metadata": .emptyObject]
            for field in resource.outputFields { shape[field] = field == "webhooks" ? [] : .emptyObject }
            return .object(shape)
        }
    }

    public var requirements: String { KubernetesActionID.requirements }
}
