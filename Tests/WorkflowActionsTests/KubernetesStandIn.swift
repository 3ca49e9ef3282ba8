import Foundation
import Synchronization
import WorkflowModel
import WorkflowTestSupport

/// A stand-in for the Kubernetes API server, answering as the Kubernetes API reference documents it: objects at
/// `/api/v1/…` and `/apis/{group}/{version}/…` (namespaced under `/namespaces/{ns}/`), get / list (label
/// selectors `k=v`) / create / update / JSON Patch, merge and strategic merge patch / delete / delete collection, `Status` objects
/// with `message`, `reason` and `code` on errors, `dryRun=All` that stores nothing, the `pods/{name}/log`
/// subresource, `SelfSubjectReview` and `/version`. Requests need `Authorization: Bearer <token>`.
final class KubernetesStandIn: Sendable {
    /// One stored object.
    struct Entry: Sendable {
        var groupPath: String
        var namespace: String
        var plural: String
        var name: String
        var object: JSONValue
    }

    let token: String
    private let entries = Mutex<[Entry]>([])
    private let logs: [String: String]
    private let delay: Duration
    private let counter = Atomic<Int>(1)

    /// - Parameters: `logs`: pod name → its log text; `delay`: how long each answer waits (a slow server).
    init(token: String, logs: [String: String] = [:], delay: Duration = .zero) {
        self.token = token
        self.logs = logs
        self.delay = delay
    }

    /// Stores `object` at `path` (`/apis/apps/v1/namespaces/default/deployments`), as if created.
    func seed(_ collection: String, _ object: JSONValue) {
        guard let location = Location(collection) else { return }
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        entries.withLock {
            $0.append(
                Entry(
                    groupPath: location.groupPath, namespace: location.namespace, plural: location.plural, name: name,
                    object: object))
        }
    }

    /// The stored object at `collection`/`name`.
    func object(_ collection: String, _ name: String) -> JSONValue? {
        guard let location = Location(collection) else { return nil }
        return entries.withLock { $0.first { location.holds($0) && $0.name == name }?.object }
    }

    /// The answer to `request`.
    func respond(_ request: StandInServer.Request) -> StandInServer.Response {
        if delay > .zero { Thread.sleep(forTimeInterval: Double(delay.components.seconds)) }
        guard request.headers["authorization"] == "Bearer \(token)" else {
            return Self.status(401, reason: "Unauthorized", message: "Unauthorized")
        }
        let query = Self.query(request.query)
        switch (request.method, request.path) {
        case ("GET", "/version"):
            return .json(["major": "1", "minor": "31", "gitVersion": "v1.31.2"])
        case ("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews"):
            return .json(
                [
                    "apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview",
                    "status": [
                        "userInfo": [
                            "username": "system:serviceaccount:ops:stepwise", "uid": "7d1b",
                            "groups": ["system:serviceaccounts", "system:authenticated"],
                            "extra": ["authentication.kubernetes.io/pod-name": ["runner-0"]],
                        ]
                    ],
                ], status: 201)
        default: break
        }
        if request.path.hasSuffix("/log") {
            let pod = String(request.path.dropLast(4).split(separator: "/").last ?? "")
            guard var text = logs[pod] else {
                return Self.status(404, reason: "NotFound", message: "pods \"\(pod)\" not found")
            }
            if let tail = query["tailLines"].flatMap({ Int($0) }) {
                text = text.split(separator: "\n").suffix(tail).map { $0 + "\n" }.joined()
            }
            return StandInServer.Response(status: 200, contentType: "text/plain", body: Array(text.utf8))
        }
        guard let location = Location(request.path) else {
            return Self.status(404, reason: "NotFound", message: "the server could not find the requested resource")
        }
        return location.name == nil ? collection(request, location, query) : item(request, location, query)
    }

    private func collection(
        _ request: StandInServer.Request, _ location: Location, _ query: [String: String]
    ) -> StandInServer.Response {
        let selector = Self.selector(query["labelSelector"] ?? "")
        switch request.method {
        case "GET":
            let items = entries.withLock { $0.filter { location.holds($0) && Self.matches($0.object, selector) } }
            let limited = query["limit"].flatMap { Int($0) }.map { Array(items.prefix($0)) } ?? items
            return .json([
                "kind": "List", "apiVersion": "v1", "metadata": ["resourceVersion": "42"],
                "items": .array(limited.map(\.object)),
            ])
        case "POST":
            var object = request.json
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            if entries.withLock({ $0.contains { location.holds($0) && $0.name == name } }) {
                return Self.status(
                    409, reason: "AlreadyExists", message: "\(location.resource) \"\(name)\" already exists")
            }
            object = stamped(object, namespace: location.namespace)
            if query["dryRun"] != "All" {
                let stored = object
                entries.withLock {
                    $0.append(
                        Entry(
                            groupPath: location.groupPath, namespace: location.namespace, plural: location.plural,
                            name: name, object: stored))
                }
            }
            return .json(object, status: 201)
        case "DELETE":
            let removed = entries.withLock { entries -> [Entry] in
                let gone = entries.filter { location.holds($0) && Self.matches($0.object, selector) }
                if query["dryRun"] != "All" && request.json["dryRun"] == nil {
                    entries.removeAll { location.holds($0) && Self.matches($0.object, selector) }
                }
                return gone
            }
            return .json([
                "kind": "List", "apiVersion": "v1", "metadata": .emptyObject, "items": .array(removed.map(\.object)),
            ])
        default:
            return Self.status(405, reason: "MethodNotAllowed", message: "the server does not allow this method")
        }
    }

    private func item(
        _ request: StandInServer.Request, _ location: Location, _ query: [String: String]
    ) -> StandInServer.Response {
        let name = location.name ?? ""
        guard let current = object(location.collectionPath, name) else {
            return Self.status(404, reason: "NotFound", message: "\(location.resource) \"\(name)\" not found")
        }
        var updated: JSONValue
        switch request.method {
        case "GET": return .json(current)
        case "DELETE":
            if request.json["dryRun"] == nil {
                entries.withLock { $0.removeAll { location.holds($0) && $0.name == name } }
            }
            return .json(["kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success"])
        case "PUT": updated = request.json
        case "PATCH" where request.headers["content-type"] == "application/json-patch+json":
            guard let patched = JSONPatch.apply(request.json.arrayValue ?? [], to: current) else {
                return Self.status(422, reason: "Invalid", message: "the JSON patch could not be applied")
            }
            updated = patched
        case "PATCH" where request.headers["content-type"] == "application/merge-patch+json":
            updated = JSONPatch.merge(request.json, into: current)
        case "PATCH" where request.headers["content-type"] == "application/strategic-merge-patch+json":
            updated = JSONPatch.strategicMerge(request.json, into: current)
        default:
            return Self.status(415, reason: "UnsupportedMediaType", message: "unsupported patch type")
        }
        updated = stamped(updated, namespace: location.namespace)
        if query["dryRun"] != "All" {
            let stored = updated
            entries.withLock { entries in
                if let index = entries.firstIndex(where: { location.holds($0) && $0.name == name }) {
                    entries[index].object = stored
                }
            }
        }
        return .json(updated)
    }

    /// `object` with the server's metadata: namespace, uid, a new resourceVersion.
    private func stamped(_ object: JSONValue, namespace: String) -> JSONValue {
        guard case .object(var members) = object else { return object }
        var metadata = members["metadata"]?.objectValue ?? [:]
        if !namespace.isEmpty { metadata["namespace"] = .string(namespace) }
        if metadata["uid"] == nil { metadata["uid"] = .string(UUID().uuidString.lowercased()) }
        metadata["resourceVersion"] = .string(String(counter.add(1, ordering: .relaxed).newValue))
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    static func status(_ code: Int, reason: String, message: String) -> StandInServer.Response {
        .json(
            [
                "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
                "message": .string(message), "reason": .string(reason), "code": .number(Double(code)),
            ], status: code)
    }

    private static func query(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            result[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return result
    }

    private static func selector(_ text: String) -> [(String, String)] {
        text.split(separator: ",").compactMap { term in
            let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }

    private static func matches(_ object: JSONValue, _ selector: [(String, String)]) -> Bool {
        selector.allSatisfy { object["metadata"]?["labels"]?[$0.0]?.stringValue == $0.1 }
    }
}

/// Where a request path points: `/apis/apps/v1/namespaces/default/deployments/web`.
struct Location {
    var groupPath: String
    var namespace: String
    var plural: String
    var name: String?

    init?(_ path: String) {
        var parts = path.split(separator: "/").map(String.init)
        if parts.first == "api", parts.count >= 3 {
            groupPath = "/api/" + parts[1]
            parts.removeFirst(2)
        } else if parts.first == "apis", parts.count >= 4 {
            groupPath = "/apis/\(parts[1])/\(parts[2])"
            parts.removeFirst(3)
        } else {
            return nil
        }
        namespace = ""
        if parts.first == "namespaces", parts.count >= 3 {
            namespace = parts[1]
            parts.removeFirst(2)
        }
        guard let plural = parts.first, parts.count <= 2 else { return nil }
        self.plural = plural
        name = parts.count == 2 ? parts[1].removingPercentEncoding : nil
    }

    /// The collection of this location (without the name).
    var collectionPath: String {
        groupPath + (namespace.isEmpty ? "" : "/namespaces/\(namespace)") + "/" + plural
    }

    /// `deployments.apps`, or `pods` for the core group, as the API names resources in messages.
    var resource: String {
        let parts = groupPath.split(separator: "/")
        return parts.first == "apis" && parts.count > 1 ? "\(plural).\(parts[1])" : plural
    }

    func holds(_ entry: KubernetesStandIn.Entry) -> Bool {
        entry.groupPath == groupPath && entry.plural == plural && (namespace.isEmpty || entry.namespace == namespace)
    }
}
