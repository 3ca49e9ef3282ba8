import HTTPTypes

/// What a request needs to be let through, by route.
public enum RouteAccess: Sendable, Hashable {
    /// A key holding this scope.
    case scope(APIScope)
    /// A key holding every scope (the local audit trail).
    case everyScope
    /// No key: the request is signed instead (GitHub webhook deliveries).
    case signed
    /// Any valid key: a path no route serves (answered 404 once the key is checked).
    case anyKey

    /// One row of the route table.
    public struct Rule: Sendable, Hashable {
        /// The method.
        public var method: HTTPRequest.Method
        /// The route as the router writes it (`/api/v2/workflows/{workflow_id}`).
        public var route: String
        /// What the request needs.
        public var access: RouteAccess
        /// Whether the request is a change recorded in the audit trail.
        public var audited: Bool
    }

    /// Every route of the server with what it needs. A route missing here needs every scope (deny by default).
    public static let rules: [Rule] = {
        let workflow = "/api/v2/workflows/{workflow_id}"
        let instances = workflow + "/instances"
        let instance = instances + "/{instance_id}"
        let read = RouteAccess.scope(.workflowsRead)
        let write = RouteAccess.scope(.workflowsWrite)
        let run = RouteAccess.scope(.workflowsRun)
        return [
            Rule(method: .get, route: "/api/v2/workflows", access: read, audited: false),
            Rule(method: .post, route: "/api/v2/workflows", access: write, audited: true),
            Rule(method: .get, route: workflow, access: read, audited: false),
            Rule(method: .patch, route: workflow, access: write, audited: true),
            Rule(method: .delete, route: workflow, access: write, audited: true),
            Rule(method: .post, route: instances, access: run, audited: true),
            Rule(method: .get, route: instances, access: read, audited: false),
            Rule(method: .get, route: instance, access: read, audited: false),
            Rule(method: .put, route: instance + "/cancel", access: run, audited: true),
            Rule(method: .get, route: instance + "/steps", access: read, audited: false),
            Rule(method: .get, route: instance + "/events", access: read, audited: false),
            Rule(method: .get, route: instance + "/stream", access: read, audited: false),
            Rule(method: .get, route: "/runs", access: read, audited: false),
            Rule(method: .get, route: "/runs/{instance_id}", access: read, audited: false),
            Rule(method: .post, route: workflow + "/webhook", access: .signed, audited: false),
            Rule(method: .post, route: workflow + "/triggers/{kind}", access: run, audited: true),
            Rule(method: .get, route: AuditController.route, access: .everyScope, audited: false),
            Rule(method: .get, route: MetricsEndpoint.path, access: read, audited: false),
        ]
    }()

    private static let index: [String: Rule] = Dictionary(
        rules.map { ("\($0.method.rawValue) \($0.route)", $0) }, uniquingKeysWith: { first, _ in first })

    /// The rule of `method` on `route` (the router's pattern); `nil` for a route missing from the table.
    public static func rule(method: HTTPRequest.Method, route: String) -> Rule? {
        index["\(method.rawValue) \(route)"]
    }

    /// What `method` on `route` needs: `route` is the router's pattern, `nil` when no route matched.
    public static func required(method: HTTPRequest.Method, route: String?) -> RouteAccess {
        guard let route else { return .anyKey }
        return rule(method: method, route: route)?.access ?? .everyScope
    }
}
