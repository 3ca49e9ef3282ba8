import WorkflowModel

/// `com.datadoghq.kubernetes.apps.scaleDeploymentVertically` and `….apps.scaleStatefulSetVertically`: sets the CPU
/// and memory requests and limits of containers of a Deployment or StatefulSet, as the runner does it: the object
/// is read to check that each named container exists, each value is checked as a Kubernetes quantity, then one
/// strategic merge patch of `spec.template.spec.containers` (merged by container name) is sent.
///
/// Inputs `namespace`, `name`, `containerUpdates`: `[{containerName, requests: {cpu, memory}, limits: {cpu,
/// memory}}]` (values as text: `"250m"`, `"512Mi"`). Outputs the workload (`{metadata, spec, status}`).
public struct ScaleVerticallyAction: Action {
    /// The Deployment or StatefulSet resource.
    public let resource: KubernetesResource
    private let settings: KubernetesSettings

    public init(_ resource: KubernetesResource, settings: KubernetesSettings = KubernetesSettings()) {
        self.resource = resource
        self.settings = settings
    }

    /// The object's name in the runner's messages: `deployment`, `stateful set`.
    private var noun: String { resource.kind == "StatefulSet" ? "stateful set" : resource.kind.lowercased() }

    /// Reads the workload and patches its containers' resources.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type; `.failed` with the runner's messages
    ///   (`containerUpdates cannot be empty`, `failed to get deployment: …`, `container NAME not found in deployment
    ///   NAME`, `invalid CPU request format 1x: …`) or the API's; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let name = try invocation.runnerString("name")
        let path = try resource.path(namespace: try invocation.runnerString("namespace"), name: name)
        let updates = try ContainerResourceUpdate.list(invocation)
        guard !updates.isEmpty else { throw ActionError(.failed, "containerUpdates cannot be empty") }
        let noun = self.noun
        return try await settings.run(invocation) { client throws(ActionError) in
            let current: JSONValue
            do throws(ActionError) {
                current = try await client.json("GET", path)
            } catch {
                throw ActionError(error.code, "failed to get \(noun): \(error.message)")
            }
            let existing = Set(
                (current["spec"]?["template"]?["spec"]?["containers"]?.arrayValue ?? []).compactMap {
                    $0["name"]?.stringValue
                })
            var containers: [JSONValue] = []
            for update in updates {
                guard !update.containerName.isEmpty else { throw ActionError(.failed, "containerName cannot be empty") }
                guard existing.contains(update.containerName) else {
                    throw ActionError(.failed, "container \(update.containerName) not found in \(noun) \(name)")
                }
                containers.append(try update.patch())
            }
            let patch: JSONValue = ["spec": ["template": ["spec": ["containers": .array(containers)]]]]
            return KubernetesPath.typedOutput(
                try await client.json(
                    "PATCH", path, body: patch, contentType: "application/strategic-merge-patch+json"))
        }
    }
}

extension ScaleVerticallyAction: DescribedAction {
    public var outputShape: JSONValue { WorkloadPatch.shape }
    public var requirements: String { KubernetesActionID.requirements }
}

/// One element of `containerUpdates`: a container's new requests and limits.
struct ContainerResourceUpdate {
    var containerName: String
    /// `requests` and `limits`, each `cpu` / `memory` → quantity text (absent members left out).
    var requests: [String: String]?
    var limits: [String: String]?

    /// The `containerUpdates` input.
    /// - Throws: ``ActionError`` `.invalidInput` when it is not a list of such objects.
    static func list(_ invocation: ActionInvocation) throws(ActionError) -> [ContainerResourceUpdate] {
        let expected = "a list of {containerName, requests: {cpu, memory}, limits: {cpu, memory}} objects"
        var updates: [ContainerResourceUpdate] = []
        for item in try invocation.runnerList("containerUpdates") {
            guard case .object(let members) = item else {
                throw invocation.runnerInputError("containerUpdates", expected: expected)
            }
            do throws(WrongType) {
                updates.append(
                    ContainerResourceUpdate(
                        containerName: try text(members["containerName"]) ?? "",
                        requests: try values(members["requests"]), limits: try values(members["limits"])))
            } catch {
                throw invocation.runnerInputError("containerUpdates", expected: expected)
            }
        }
        return updates
    }

    /// The container's element of the strategic merge patch: `{name, resources: {requests, limits}}`.
    /// - Throws: ``ActionError`` `.failed` for a value that is not a quantity (`invalid memory limit format …`).
    func patch() throws(ActionError) -> JSONValue {
        var resources: [String: JSONValue] = [:]
        for (kind, values) in [("request", requests), ("limit", limits)] {
            guard let values else { continue }
            var checked: [String: JSONValue] = [:]
            for (resource, label) in [("cpu", "CPU"), ("memory", "memory")] {
                guard let value = values[resource] else { continue }
                if let problem = KubernetesQuantity.problem(value) {
                    throw ActionError(.failed, "invalid \(label) \(kind) format \(value): \(problem)")
                }
                checked[resource] = .string(value)
            }
            if !checked.isEmpty { resources[kind + "s"] = .object(checked) }
        }
        var container: [String: JSONValue] = ["name": .string(containerName)]
        if !resources.isEmpty { container["resources"] = .object(resources) }
        return .object(container)
    }

    private struct WrongType: Error {}

    /// A string member (`nil` when absent or null).
    private static func text(_ value: JSONValue?) throws(WrongType) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw WrongType()
        }
    }

    /// A `{cpu, memory}` member (`nil` when absent or null).
    private static func values(_ value: JSONValue?) throws(WrongType) -> [String: String]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?:
            var result: [String: String] = [:]
            for resource in ["cpu", "memory"] {
                if let text = try text(members[resource]) { result[resource] = text }
            }
            return result
        default: throw WrongType()
        }
    }
}
