import WorkflowModel

/// `com.datadoghq.kubernetes.apps.rollbackDeployment`: puts a Deployment's pod template back to the one of an
/// earlier revision, as the runner does it: the Deployment is read, the ReplicaSets it controls (matching its
/// selector, owned by its uid, with a `deployment.kubernetes.io/revision` annotation) are listed, and the
/// Deployment is updated with the template of revision `toRevision` (0: the one before the newest). The
/// `pod-template-hash` label is left out of the template, as `kubectl rollout undo` leaves it out.
/// `dryRunStrategy` `client` stops after the read, `server` sends the update with `dryRun=All`. Outputs `{}`.
public struct RollbackDeploymentAction: Action {
    private let settings: KubernetesSettings
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    public init(settings: KubernetesSettings = KubernetesSettings()) { self.settings = settings }

    /// Rolls back.
    /// - Throws: ``ActionError`` `.failed`: `failed to retrieve Deployment NAME: …`, `no previous revision found for
    ///   deployment NAME`, `revision N not found for deployment NAME`, `failed to rollback Deployment NAME: …`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let name = try invocation.runnerString("name")
        let namespace = try invocation.runnerString("namespace")
        let toRevision = try invocation.runnerInteger("toRevision", in: 0...Int(Int32.max)) ?? 0
        let strategy = try invocation.runnerString("dryRunStrategy")
        let deployments = WorkloadPatch.deployment
        let path = try deployments.path(namespace: namespace, name: name)
        let replicaSets = try (KubernetesResource.apps.first { $0.kind == "ReplicaSet" } ?? deployments)
            .path(namespace: namespace, name: nil)
        return try await settings.run(invocation) { client throws(ActionError) in
            var deployment: JSONValue
            do throws(ActionError) {
                deployment = try await client.json("GET", path)
            } catch {
                throw ActionError(error.code, "failed to retrieve Deployment \(name): \(error.message)")
            }
            if strategy == "client" { return .emptyObject }
            let selector = LabelSelector.text(deployment["spec"]?["selector"] ?? .emptyObject)
            let list = try await client.json("GET", replicaSets, query: [("labelSelector", selector)])
            let target = try Self.target(
                in: list["items"]?.arrayValue ?? [], of: deployment, toRevision: toRevision, name: name)
            var template = target["spec"]?["template"] ?? .emptyObject
            if case .object(var labels)? = template["metadata"]?["labels"] {
                labels["pod-template-hash"] = nil
                template = template.setting(["metadata", "labels"], to: .object(labels))
            }
            deployment = deployment.setting(["spec", "template"], to: template)
            do throws(ActionError) {
                _ = try await client.json(
                    "PUT", path, query: strategy == "server" ? [("dryRun", "All")] : [], body: deployment)
            } catch {
                throw ActionError(error.code, "failed to rollback Deployment \(name): \(error.message)")
            }
            return .emptyObject
        }
    }

    /// The ReplicaSet of the wanted revision among `items`.
    static func target(
        in items: [JSONValue], of deployment: JSONValue, toRevision: Int, name: String
    ) throws(ActionError) -> JSONValue {
        let uid = deployment["metadata"]?["uid"]?.stringValue
        let owned = items.compactMap { item -> (revision: Int, item: JSONValue)? in
            let controlled = item["metadata"]?["ownerReferences"]?.arrayValue?.contains {
                $0["controller"]?.boolValue == true && $0["uid"]?.stringValue == uid
            }
            guard controlled == true, let text = item["metadata"]?["annotations"]?[revisionAnnotation]?.stringValue
            else { return nil }
            return (Int(text) ?? 0, item)
        }.sorted { $0.revision > $1.revision }
        guard !owned.isEmpty else { throw ActionError(.failed, "no valid ReplicaSets found for deployment \(name)") }
        if toRevision == 0 {
            guard owned.count >= 2 else {
                throw ActionError(.failed, "no previous revision found for deployment \(name)")
            }
            return owned[1].item
        }
        guard let match = owned.first(where: { $0.revision == toRevision }) else {
            throw ActionError(.failed, "revision \(toRevision) not found for deployment \(name)")
        }
        return match.item
    }
}

extension RollbackDeploymentAction: DescribedAction {
    public var outputShape: JSONValue { .emptyObject }
    public var requirements: String { KubernetesActionID.requirements }
}

/// A label selector (`{matchLabels, matchExpressions}`) as the query text the API reads: `app=web,tier in (a,b)`.
enum LabelSelector {
    static func text(_ selector: JSONValue) -> String {
        var parts = (selector["matchLabels"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.stringValue ?? "")"
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
            switch expression["operator"]?.stringValue {
            case "In": parts.append("\(key) in (\(values.joined(separator: ",")))")
            case "NotIn": parts.append("\(key) notin (\(values.joined(separator: ",")))")
            case "Exists": parts.append(key)
            case "DoesNotExist": parts.append("!" + key)
            default: continue
            }
        }
        return parts.joined(separator: ",")
    }
}

extension JSONValue {
    /// The value with the member at `path` (object keys) set to `value`, creating objects on the way.
    fileprivate func setting(_ path: [String], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        var members = objectValue ?? [:]
        members[first] = (members[first] ?? .emptyObject).setting(Array(path.dropFirst()), to: value)
        return .object(members)
    }
}
