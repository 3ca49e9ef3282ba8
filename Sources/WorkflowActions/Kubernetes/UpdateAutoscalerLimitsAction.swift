import WorkflowModel

/// `com.datadoghq.kubernetes.apps.updateAutoscalerLimits`: a merge patch of a HorizontalPodAutoscaler's
/// (`autoscaling/v2`) `spec.minReplicas` and/or `spec.maxReplicas`. Inputs `namespace`, `name`, `minReplicas`,
/// `maxReplicas` (at least one); outputs `{horizontalPodAutoscaler}`, the autoscaler as the API returns it.
public struct UpdateAutoscalerLimitsAction: Action {
    private let settings: KubernetesSettings

    public init(settings: KubernetesSettings = KubernetesSettings()) { self.settings = settings }

    /// Checks the limits as the runner does and patches the autoscaler.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type; `.failed` with the runner's messages
    ///   (`at least one of minReplicas or maxReplicas must be provided`, `minReplicas must be less than or equal to
    ///   maxReplicas`, …) or the API's; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let range = Int(Int32.min)...Int(Int32.max)
        let minimum = try invocation.runnerInteger("minReplicas", in: range)
        let maximum = try invocation.runnerInteger("maxReplicas", in: range)
        if let problem = Self.problem(minimum: minimum, maximum: maximum) { throw ActionError(.failed, problem) }
        var spec: [String: JSONValue] = [:]
        if let minimum { spec["minReplicas"] = .number(Double(minimum)) }
        if let maximum { spec["maxReplicas"] = .number(Double(maximum)) }
        let path = try KubernetesResource.horizontalPodAutoscaler.path(
            namespace: try invocation.runnerString("namespace"), name: try invocation.runnerString("name"))
        return try await settings.run(invocation) { client throws(ActionError) in
            let answer = try await client.json(
                "PATCH", path, body: ["spec": .object(spec)], contentType: "application/merge-patch+json")
            return ["horizontalPodAutoscaler": KubernetesPath.typedOutput(answer)]
        }
    }

    /// The runner's refusal of these limits, if any.
    static func problem(minimum: Int?, maximum: Int?) -> String? {
        if minimum == nil && maximum == nil { return "at least one of minReplicas or maxReplicas must be provided" }
        if let minimum, minimum < 0 { return "minReplicas must be greater than or equal to 0" }
        if let maximum, maximum < 1 { return "maxReplicas must be greater than or equal to 1" }
        if let minimum, let maximum, minimum > maximum {
            return "minReplicas must be less than or equal to maxReplicas"
        }
        return nil
    }
}

extension UpdateAutoscalerLimitsAction: DescribedAction {
    public var outputShape: JSONValue {
        ["horizontalPodAutoscaler": ["metadata": .emptyObject, "spec": .emptyObject, "status": .emptyObject]]
    }
    public var requirements: String { KubernetesActionID.requirements }
}
