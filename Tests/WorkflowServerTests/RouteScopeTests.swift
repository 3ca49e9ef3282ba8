import HTTPTypes
import Hummingbird
import Prometheus
import Testing
import WorkflowServer

/// The scope table (docs/security.md): every route the server serves has its row, and each row asks for the
/// permission Datadog's API reference names for the endpoint.
@Suite("Route scopes")
struct RouteScopeTests {
    @Test("every route of the router has a row in the scope table")
    func everyRouteHasARule() throws {
        // With every optional route on (`/metrics`).
        let harness = try ServerHarness(metrics: MetricsEndpoint(registry: PrometheusCollectorRegistry()))
        let router = buildRouter(harness.environment, keys: nil)
        let routes = router.routes.map { ($0.method, $0.path.description) }
        #expect(routes.count == RouteAccess.rules.count)
        for (method, route) in routes {
            #expect(RouteAccess.rule(method: method, route: route) != nil, "\(method) \(route) has no scope")
        }
    }

    static let expected: [(HTTPRequest.Method, String, RouteAccess)] = [
        (.get, "/api/v2/workflows", .scope(.workflowsRead)),
        (.post, "/api/v2/workflows", .scope(.workflowsWrite)),
        (.get, "/api/v2/workflows/{workflow_id}", .scope(.workflowsRead)),
        (.patch, "/api/v2/workflows/{workflow_id}", .scope(.workflowsWrite)),
        (.delete, "/api/v2/workflows/{workflow_id}", .scope(.workflowsWrite)),
        (.post, "/api/v2/workflows/{workflow_id}/instances", .scope(.workflowsRun)),
        (.get, "/api/v2/workflows/{workflow_id}/instances", .scope(.workflowsRead)),
        (.get, "/api/v2/workflows/{workflow_id}/instances/{instance_id}", .scope(.workflowsRead)),
        (.put, "/api/v2/workflows/{workflow_id}/instances/{instance_id}/cancel", .scope(.workflowsRun)),
        (.get, "/api/v2/workflows/{workflow_id}/instances/{instance_id}/steps", .scope(.workflowsRead)),
        (.get, "/api/v2/workflows/{workflow_id}/instances/{instance_id}/events", .scope(.workflowsRead)),
        (.get, "/api/v2/workflows/{workflow_id}/instances/{instance_id}/stream", .scope(.workflowsRead)),
        (.get, "/runs", .scope(.workflowsRead)),
        (.get, "/runs/{instance_id}", .scope(.workflowsRead)),
        (.post, "/api/v2/workflows/{workflow_id}/webhook", .signed),
        (.post, "/api/v2/workflows/{workflow_id}/triggers/{kind}", .scope(.workflowsRun)),
        (.get, "/api/v2/stepwise/audit", .everyScope),
    ]

    @Test("each route asks for Datadog's permission", arguments: 0..<expected.count)
    func scopeOfRoute(index: Int) {
        let (method, route, access) = Self.expected[index]
        #expect(RouteAccess.required(method: method, route: route) == access, "\(method) \(route)")
    }

    @Test("exactly the creates, updates, deletes, executes, cancels and replays are audited")
    func auditedRoutes() {
        let audited = RouteAccess.rules.filter(\.audited).map { "\($0.method.rawValue) \($0.route)" }
        #expect(
            Set(audited) == [
                "POST /api/v2/workflows", "PATCH /api/v2/workflows/{workflow_id}",
                "DELETE /api/v2/workflows/{workflow_id}", "POST /api/v2/workflows/{workflow_id}/instances",
                "PUT /api/v2/workflows/{workflow_id}/instances/{instance_id}/cancel",
                "POST /api/v2/workflows/{workflow_id}/triggers/{kind}",
            ])
    }

    @Test("a route missing from the table needs every scope; a path no route serves needs any valid key")
    func defaults() {
        #expect(RouteAccess.required(method: .get, route: "/somewhere/new") == .everyScope)
        #expect(RouteAccess.required(method: .post, route: "/runs") == .everyScope)
        #expect(RouteAccess.required(method: .get, route: nil) == .anyKey)
    }

    @Test("a key allows what its scopes allow; every-scope routes need all three")
    func keyAllows() {
        let reader = APIKey(name: "r", apiKey: nil, applicationKey: nil, scopes: [.workflowsRead])
        #expect(reader.allows(.scope(.workflowsRead)))
        #expect(!reader.allows(.scope(.workflowsWrite)))
        #expect(!reader.allows(.everyScope))
        #expect(reader.allows(.anyKey))
        let admin = APIKey(name: "a", apiKey: nil, applicationKey: nil, scopes: Set(APIScope.allCases))
        #expect(admin.allows(.everyScope))
    }
}
