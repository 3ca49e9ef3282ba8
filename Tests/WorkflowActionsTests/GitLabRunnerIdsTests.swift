import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The GitLab ids of the runner's `projects` and `issues` bundles that came after the first set, each through a
/// workflow run against a stand-in answering as GitLab's REST API v4 documents them (path, method, body), with the
/// runner's output names (`{project}`, `{project_groups}`, `{projects}`, `{todo}`, `{issue}`, `{}`).
@Suite("GitLab manifests: the runner's project and issue ids")
struct GitLabRunnerIdsTests {
    private static let token = "glpat-runner-ids"

    /// Answers every documented request with an object naming it; anything else is GitLab's 404.
    private static let gitlab: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        guard request.headers["private-token"] == token else {
            return .json(["message": "401 Unauthorized"], status: 401)
        }
        let echo: JSONValue = ["id": 7, "method": .string(request.method), "body": request.json]
        switch (request.method, request.path) {
        case ("POST", "/api/v4/projects"), ("POST", "/api/v4/projects/user/12"),
            ("PUT", "/api/v4/projects/group%2Fapp"),
            ("PUT", "/api/v4/projects/42/transfer"), ("POST", "/api/v4/projects/42/restore"),
            ("POST", "/api/v4/projects/42/issues/3/todo"), ("PUT", "/api/v4/projects/42/issues/3/reorder"):
            return .json(echo, status: request.method == "POST" ? 201 : 200)
        case ("POST", "/api/v4/projects/42/share"):
            return .json(["id": 1, "group_id": request.json["group_id"] ?? .null], status: 201)
        case ("DELETE", "/api/v4/projects/42/share/9"):
            return StandInServer.Response(status: 204, contentType: "application/json", body: [])
        case ("GET", "/api/v4/projects/42/groups"), ("GET", "/api/v4/projects/42/invited_groups"),
            ("GET", "/api/v4/projects/42/share_locations"), ("GET", "/api/v4/projects/42/transfer_locations"):
            return .json([["id": 9, "full_path": "platform", "query": .string(request.query)]])
        case ("GET", "/api/v4/users/alice/contributed_projects"):
            return .json([["id": 42, "path_with_namespace": "group/app"]])
        default:
            return .json(["message": "404 Not found"], status: 404)
        }
    }

    @Test("each id sends its documented request and outputs the runner's shape")
    func everyIdAgainstTheStandIn() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let p = "com.datadoghq.gitlab.projects."
            let i = "com.datadoghq.gitlab.issues."
            let calls: [(String, String, [String: JSONValue])] = [
                (
                    "Create", p + "createProject",
                    ["name": "app", "options": ["visibility": "private", "namespace_id": 5]]
                ),
                ("ForUser", p + "createProjectForUser", ["user_id": 12, "name": "tool"]),
                (
                    "Edit", p + "editProject",
                    ["project_id": "group/app", "description": "made by {{ Steps.Create.project.method }}"]
                ),
                ("Transfer", p + "transferProject", ["project_id": 42, "namespace": "platform"]),
                ("Restore", p + "restoreProject", ["project_id": 42]),
                ("Share", p + "shareProjectWithGroup", ["project_id": 42, "group_id": 9, "group_access": 30]),
                ("Unshare", p + "deleteSharedProjectFromGroup", ["project_id": 42, "group_id": 9]),
                ("Groups", p + "listProjectsGroups", ["project_id": 42, "search": "plat", "per_page": 5]),
                ("Invited", p + "listProjectInvitedGroups", ["project_id": 42]),
                ("Shareable", p + "listShareableGroups", ["project_id": 42]),
                ("Transferable", p + "listTransferableGroups", ["project_id": 42]),
                ("Contributed", p + "listUserContributedProjects", ["user_id": "alice"]),
                ("Todo", i + "createTodo", ["project_id": 42, "issue_iid": 3]),
                ("Reorder", i + "reorderIssue", ["project_id": 42, "issue_iid": 3, "move_after_id": 11]),
            ]
            let steps = calls.enumerated().map { index, call in
                WorkflowRun.step(
                    call.0, call.1, call.2, next: index + 1 < calls.count ? calls[index + 1].0 : nil)
            }
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(
                summary.step("Create")?.outputs?["project"]?["body"] == [
                    "name": "app", "visibility": "private", "namespace_id": 5,
                ])
            #expect(summary.step("ForUser")?.outputs?["project"]?["body"] == ["name": "tool"])
            #expect(summary.step("Edit")?.outputs?["project"]?["body"] == ["description": "made by POST"])
            #expect(summary.step("Transfer")?.outputs?["project"]?["body"] == ["namespace": "platform"])
            #expect(summary.step("Restore")?.outputs?["project"]?["id"] == 7)
            #expect(summary.step("Share")?.outputs == .emptyObject)
            #expect(summary.step("Unshare")?.outputs == .emptyObject)
            #expect(
                summary.step("Groups")?.outputs?["project_groups"]?.arrayValue?.first?["query"]
                    == "per_page=5&search=plat")
            for name in ["Invited", "Shareable", "Transferable"] {
                #expect(summary.step(name)?.outputs?["project_groups"]?.arrayValue?.count == 1, "\(name)")
            }
            #expect(summary.step("Contributed")?.outputs?["projects"]?.arrayValue?.first?["id"] == 42)
            #expect(summary.step("Todo")?.outputs?["todo"]?["method"] == "POST")
            #expect(summary.step("Reorder")?.outputs?["issue"]?["body"] == ["move_after_id": 11])
            #expect(server.requests.count == calls.count)
        }
    }

    @Test("a refused request fails the step with GitLab's answer")
    func refusal() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let steps = [
                WorkflowRun.step("Restore", "com.datadoghq.gitlab.projects.restoreProject", ["project_id": 404])
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .stepError)
            #expect(summary.step("Restore")?.error?.message == #"404 Not Found: {"message":"404 Not found"}"#)
        }
    }
}
