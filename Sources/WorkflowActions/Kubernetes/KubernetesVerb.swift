/// The generic verbs of the runner's Kubernetes bundles, each one REST call.
public enum KubernetesVerb: String, Sendable, Hashable, CaseIterable {
    /// `GET …/{name}` ⇒ the object.
    case get
    /// `GET …?labelSelector&fieldSelector&limit` ⇒ `{metadata, items}`.
    case list
    /// `POST …` with the object ⇒ the object.
    case create
    /// `PUT …/{body.metadata.name}` with the object ⇒ the object.
    case update
    /// `PATCH …/{name}` with JSON Patch operations (`application/json-patch+json`) ⇒ the object.
    case patch
    /// `DELETE …/{name}` with delete options ⇒ `{}`.
    case delete
    /// `DELETE …?labelSelector&fieldSelector` with delete options ⇒ `{}`.
    case deleteMultiple

    /// The HTTP method.
    var method: String {
        switch self {
        case .get, .list: return "GET"
        case .create: return "POST"
        case .update: return "PUT"
        case .patch: return "PATCH"
        case .delete, .deleteMultiple: return "DELETE"
        }
    }

    /// Whether the call addresses one named object (else the collection).
    var namesOne: Bool { self != .list && self != .create && self != .deleteMultiple }
}
