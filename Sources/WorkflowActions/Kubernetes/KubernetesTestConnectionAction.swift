import WorkflowModel

/// `com.datadoghq.kubernetes.core.testConnection`: whether the connection's configuration loads and the cluster
/// answers, as the runner reports it (the step itself never fails): `{configurationValid, connectionValid,
/// userInfo: {username, uid, groups, extra}, serverInfo: {version}, errors: [...]}`, from a `SelfSubjectReview`
/// and `GET /version`.
public struct KubernetesTestConnectionAction: Action {
    private let settings: KubernetesSettings

    public init(settings: KubernetesSettings = KubernetesSettings()) { self.settings = settings }

    /// Tests the connection.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        do throws(ActionError) {
            return try await settings.run(invocation) { client throws(ActionError) in
                let review: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
                let answer: JSONValue
                do throws(ActionError) {
                    answer = try await client.json(
                        "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", body: review)
                } catch {
                    return .object(
                        Self.outputs(
                            configurationValid: true,
                            errors: ["Failed to connect to Kubernetes cluster: \(error.message)"]))
                }
                let user = answer["status"]?["userInfo"] ?? .emptyObject
                var extra: [String: JSONValue] = [:]
                for (key, values) in user["extra"]?.objectValue ?? [:] {
                    if let first = values.arrayValue?.first { extra[key] = first }
                }
                var outputs = Self.outputs(configurationValid: true, errors: [])
                var userInfo: [String: JSONValue] = ["extra": .object(extra)]
                for key in ["username", "uid", "groups"] { if let value = user[key] { userInfo[key] = value } }
                outputs["connectionValid"] = true
                outputs["userInfo"] = .object(userInfo)
                do throws(ActionError) {
                    let version = try await client.json("GET", "/version")
                    outputs["serverInfo"] = ["version": version["gitVersion"] ?? ""]
                } catch {
                    outputs["errors"] = [.string("Warning: Failed to get server version: \(error.message)")]
                }
                return .object(outputs)
            }
        } catch {
            let outputs = Self.outputs(
                configurationValid: false, errors: ["Configuration validation failed: \(error.message)"])
            return ActionResult(outputs: .object(outputs))
        }
    }

    private static func outputs(configurationValid: Bool, errors: [String]) -> [String: JSONValue] {
        [
            "configurationValid": .bool(configurationValid), "connectionValid": false,
            "errors": .array(errors.map(JSONValue.string)),
        ]
    }
}

extension KubernetesTestConnectionAction: DescribedAction {
    public var outputShape: JSONValue {
        ["configurationValid": false, "connectionValid": false, "userInfo": .emptyObject, "errors": []]
    }
    public var requirements: String { KubernetesActionID.requirements }
}
