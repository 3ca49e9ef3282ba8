import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's GitLab `groups`, `members`, `labels` and `environments` bundles, `jobs.getJobTokensJob`, and the
/// older ids whose runner output is empty (`{}`), each through a workflow run against a stand-in answering as
/// GitLab's REST API v4 documents them (paths, methods, bodies, query parameters, statuses).
@Suite("GitLab manifests: groups, members, labels, environments, job tokens, empty outputs")
struct GitLabGroupsLabelsTests {
    private static let token = "glpat-groups-labels"

    /// Answers each documented request with an object echoing it (`method`, `body`, `query`); 204 for deletes; a
    /// label or group named `gone` is GitLab's 404.
    private static let gitlab: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        guard request.headers["private-token"] == token else {
            return .json(["message": "401 Unauthorized"], status: 401)
        }
        if request.path.contains("/gone") { return .json(["message": "404 Label Not Found"], status: 404) }
        let echo: JSONValue = [
            "id": 7, "method": .string(request.method), "body": request.json, "query": .string(request.query),
        ]
        let empty = StandInServer.Response(status: 204, contentType: "application/json", body: [])
        switch (request.method, request.path) {
        case ("POST", "/api/v4/groups"), ("POST", "/api/v4/projects/group%2Fapp/labels"),
            ("POST", "/api/v4/projects/42/labels/bug/subscribe"):
            return .json(echo, status: 201)
        case ("GET", "/api/v4/groups/platform%2Fsre"), ("PUT", "/api/v4/groups/12"),
            ("GET", "/api/v4/projects/42/labels/bug"), ("PUT", "/api/v4/projects/42/labels/5"), ("GET", "/api/v4/job"):
            return .json(echo)
        case ("GET", "/api/v4/groups"), ("GET", "/api/v4/projects/42/members"), ("GET", "/api/v4/projects/42/labels"),
            ("GET", "/api/v4/projects/42/environments"):
            return .json([echo])
        case ("DELETE", "/api/v4/groups/12"), ("DELETE", "/api/v4/projects/42/labels/bug%20fix"),
            ("PUT", "/api/v4/projects/42/labels/5/promote"), ("POST", "/api/v4/projects/42/labels/bug/unsubscribe"),
            ("DELETE", "/api/v4/projects/42/repository/branches/old"), ("DELETE", "/api/v4/projects/42/issues/3"),
            ("DELETE", "/api/v4/projects/42/repository/tags/v1"), ("POST", "/api/v4/projects/42/housekeeping"):
            return request.method == "POST" ? .json(["housekeeping": "scheduled"], status: 201) : empty
        case ("HEAD", "/api/v4/projects/42/repository/files/src%2Fmain.go"):
            return StandInServer.Response(
                status: 200, contentType: "application/json", body: [],
                headers: [
                    ("X-Gitlab-File-Name", "main.go"), ("X-Gitlab-File-Path", "src/main.go"), ("X-Gitlab-Size", "42"),
                    ("X-Gitlab-Ref", "main"), ("X-Gitlab-Blob-Id", "b1"), ("X-Gitlab-Commit-Id", "c1"),
                    ("X-Gitlab-Last-Commit-Id", "c0"), ("X-Gitlab-Encoding", "base64"),
                    ("X-Gitlab-Content-Sha256", "e3b0"), ("X-Gitlab-Execute-Filemode", "false"),
                ])
        default:
            return .json(["message": "404 Not found"], status: 404)
        }
    }

    private static func run(
        _ calls: [(String, String, [String: JSONValue])], server: StandInServer
    ) async throws -> InstanceSummary {
        let connection: JSONValue = [
            "type": "gitlab", "gitlabApiToken": .string(token), "baseURL": .string(server.baseURL),
        ]
        let steps = calls.enumerated().map { index, call in
            WorkflowRun.step(call.0, call.1, call.2, next: index + 1 < calls.count ? calls[index + 1].0 : nil)
        }
        return try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
    }

    @Test("each new id sends its documented request and outputs the runner's shape; later steps read them")
    func newIdsAgainstTheStandIn() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let g = "com.datadoghq.gitlab."
            let calls: [(String, String, [String: JSONValue])] = [
                (
                    "CreateGroup", g + "groups.createGroup",
                    ["name": "SRE", "path": "sre", "parent_id": 3, "visibility": "private"]
                ),
                ("GetGroup", g + "groups.getGroup", ["group_id": "platform/sre", "with_projects": false]),
                ("ListGroups", g + "groups.listGroups", ["search": "sre", "top_level_only": true]),
                (
                    "UpdateGroup", g + "groups.updateGroup",
                    ["group_id": 12, "description": "made by {{ Steps.CreateGroup.group.method }}"]
                ),
                ("DeleteGroup", g + "groups.deleteGroup", ["group_id": 12, "permanently_remove": true]),
                ("Members", g + "members.listProjectMembers", ["project_id": 42, "query": "ali", "per_page": 50]),
                (
                    "CreateLabel", g + "labels.createLabel",
                    ["project_id": "group/app", "name": "bug", "color": "#d9534f", "priority": 1]
                ),
                ("GetLabel", g + "labels.getLabel", ["project_id": 42, "label_id": "bug"]),
                ("ListLabels", g + "labels.listLabels", ["project_id": 42, "with_counts": true]),
                (
                    "UpdateLabel", g + "labels.updateLabel",
                    ["project_id": 42, "label_id": 5, "new_name": "{{ Steps.GetLabel.label.method }}-bug"]
                ),
                ("Subscribe", g + "labels.subscribeToLabel", ["project_id": 42, "label_id": "bug"]),
                ("Unsubscribe", g + "labels.unsubscribeFromLabel", ["project_id": 42, "label_id": "bug"]),
                ("Promote", g + "labels.promoteLabel", ["project_id": 42, "label_id": 5]),
                ("DeleteLabel", g + "labels.deleteLabel", ["project_id": 42, "label_id": "bug fix"]),
                ("Environments", g + "environments.listEnvironments", ["project_id": 42, "states": "available"]),
                ("JobToken", g + "jobs.getJobTokensJob", ["job_token": "ci-job-token"]),
            ]
            let summary = try await Self.run(calls, server: server)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(
                summary.step("CreateGroup")?.outputs?["group"]?["body"] == [
                    "name": "SRE", "path": "sre", "parent_id": 3, "visibility": "private",
                ])
            #expect(summary.step("GetGroup")?.outputs?["group"]?["query"] == "with_projects=false")
            #expect(summary.step("ListGroups")?.outputs?["groups"]?.arrayValue?.first?["method"] == "GET")
            #expect(summary.step("UpdateGroup")?.outputs?["group"]?["body"] == ["description": "made by POST"])
            #expect(
                summary.step("Members")?.outputs?["project_members"]?.arrayValue?.first?["query"]
                    == "per_page=50&query=ali")
            #expect(
                summary.step("CreateLabel")?.outputs?["label"]?["body"] == [
                    "name": "bug", "color": "#d9534f", "priority": 1,
                ])
            #expect(summary.step("ListLabels")?.outputs?["labels"]?.arrayValue?.count == 1)
            #expect(summary.step("UpdateLabel")?.outputs?["label"]?["body"] == ["new_name": "GET-bug"])
            #expect(summary.step("Subscribe")?.outputs?["label"]?["method"] == "POST")
            #expect(
                summary.step("Environments")?.outputs?["environments"]?.arrayValue?.first?["query"]
                    == "states=available")
            #expect(summary.step("JobToken")?.outputs?["job"]?["query"] == "job_token=ci-job-token")
            for name in ["DeleteGroup", "Unsubscribe", "Promote", "DeleteLabel"] {
                #expect(summary.step(name)?.outputs == .emptyObject, "\(name)")
            }
            let requests = server.requests
            #expect(requests.count == calls.count)
            #expect(requests.first { $0.method == "DELETE" }?.query == "permanently_remove=true")
        }
    }

    @Test("the older deletes and housekeeping output the runner's {}; file metadata comes from GitLab's headers")
    func emptyOutputsAndMetadata() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let g = "com.datadoghq.gitlab."
            let calls: [(String, String, [String: JSONValue])] = [
                ("Branch", g + "branches.deleteBranch", ["project_id": 42, "branch": "old"]),
                ("Issue", g + "issues.deleteIssue", ["project_id": 42, "issue_iid": 3]),
                ("Tag", g + "tags.deleteTag", ["project_id": 42, "tag_name": "v1"]),
                ("Housekeeping", g + "projects.startHousekeepingProject", ["project_id": 42]),
                (
                    "Meta", g + "repositoryfiles.getFileMetaData",
                    ["project_id": 42, "file_path": "src/main.go", "ref": "main"]
                ),
            ]
            let summary = try await Self.run(calls, server: server)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            for name in ["Branch", "Issue", "Tag", "Housekeeping"] {
                #expect(summary.step(name)?.outputs == .emptyObject, "\(name)")
            }
            let file = summary.step("Meta")?.outputs?["file"]
            #expect(file?["file_name"] == "main.go")
            #expect(file?["file_path"] == "src/main.go")
            #expect(file?["last_commit_id"] == "c0")
            #expect(file?["content_sha256"] == "e3b0")
            #expect(server.requests.map(\.method) == ["DELETE", "DELETE", "DELETE", "POST", "HEAD"])
        }
    }

    /// Answers every request with the token: an object echoing it (201 for POST, 204 with no body for DELETE).
    private static let echo: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        guard request.headers["private-token"] == token else {
            return .json(["message": "401 Unauthorized"], status: 401)
        }
        if request.method == "DELETE" {
            return StandInServer.Response(status: 204, contentType: "application/json", body: [])
        }
        let echo: JSONValue = [
            "id": 9, "method": .string(request.method), "body": request.json, "query": .string(request.query),
        ]
        if ["/protected_branches", "/deployments", "/custom_attributes"].contains(where: { request.path.hasSuffix($0) }
        ),
            request.method == "GET"
        {
            return .json([echo])
        }
        return .json(echo, status: request.method == "POST" ? 201 : 200)
    }

    @Test("protected branches, deployments, createCommit, getGPGSignature, importMembers and GraphQL")
    func protectedBranchesDeploymentsAndGraphQL() async throws {
        try await StandInServer.with(Self.echo) { server in
            let g = "com.datadoghq.gitlab."
            let calls: [(String, String, [String: JSONValue])] = [
                (
                    "Protect", g + "protectedbranches.protectRepositoryBranch",
                    ["project_id": "group/app", "name": "release/*", "push_access_level": 40]
                ),
                ("GetProtected", g + "protectedbranches.getProtectedBranch", ["project_id": 42, "name": "release/*"]),
                ("ListProtected", g + "protectedbranches.listProtectedBranches", ["project_id": 42, "search": "rel"]),
                (
                    "UpdateProtected", g + "protectedbranches.updateProtectedBranch",
                    ["project_id": 42, "name": "main", "allow_force_push": false]
                ),
                ("Unprotect", g + "protectedbranches.unprotectRepositoryBranch", ["project_id": 42, "branch": "old"]),
                (
                    "Deploy", g + "deployments.createProjectDeployment",
                    ["project_id": 42, "environment": "production", "ref": "main", "sha": "a1b2", "tag": false]
                ),
                ("GetDeploy", g + "deployments.getProjectDeployment", ["project_id": 42, "deployment_id": 9]),
                (
                    "ListDeploys", g + "deployments.listProjectDeployments",
                    ["project_id": 42, "environment": "production", "status": "success"]
                ),
                (
                    "UpdateDeploy", g + "deployments.updateProjectDeployment",
                    ["project_id": 42, "deployment_id": "{{ Steps.GetDeploy.deployment.id }}", "status": "success"]
                ),
                (
                    "Approve", g + "deployments.approveOrRejectProjectDeployment",
                    ["project_id": 42, "deployment_id": 9, "status": "approved", "comment": "ok"]
                ),
                ("DeleteDeploy", g + "deployments.deleteProjectDeployment", ["project_id": 42, "deployment_id": 9]),
                (
                    "Commit", g + "commits.createCommit",
                    [
                        "project_id": 42, "branch": "main", "commit_message": "bump",
                        "actions": [["action": "update", "file_path": "VERSION", "content": "2"]],
                    ]
                ),
                ("Signature", g + "commits.getGPGSignature", ["project_id": 42, "sha": "a1b2"]),
                ("Import", g + "projects.importMembers", ["project_id": 42, "source_project_id": "group/old"]),
                (
                    "Query", g + "graphql.graphql",
                    ["query": "query($p: ID!) { project(fullPath: $p) { id } }", "variables": ["p": "group/app"]]
                ),
            ]
            let summary = try await Self.run(calls, server: server)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(
                summary.step("Protect")?.outputs?["protected_branch"]?["body"] == [
                    "name": "release/*", "push_access_level": 40,
                ])
            #expect(summary.step("ListProtected")?.outputs?["protected_branches"]?.arrayValue?.count == 1)
            #expect(summary.step("UpdateProtected")?.outputs?["protected_branch"]?["method"] == "PATCH")
            #expect(summary.step("Deploy")?.outputs?["deployment"]?["body"]?["environment"] == "production")
            #expect(
                summary.step("ListDeploys")?.outputs?["deployments"]?.arrayValue?.first?["query"]
                    == "environment=production&status=success")
            #expect(summary.step("UpdateDeploy")?.outputs?["deployment"]?["body"] == ["status": "success"])
            #expect(summary.step("Commit")?.outputs?["commit"]?["body"]?["actions"]?.arrayValue?.count == 1)
            #expect(summary.step("Signature")?.outputs?["gpg_signature"]?["method"] == "GET")
            #expect(
                summary.step("Query")?.outputs?["result"]?["body"] == [
                    "query": "query($p: ID!) { project(fullPath: $p) { id } }", "variables": ["p": "group/app"],
                ])
            for name in ["Unprotect", "Approve", "DeleteDeploy", "Import"] {
                #expect(summary.step(name)?.outputs == .emptyObject, "\(name)")
            }
            #expect(
                server.requests.map { "\($0.method) \($0.path)" } == [
                    "POST /api/v4/projects/group%2Fapp/protected_branches",
                    "GET /api/v4/projects/42/protected_branches/release%2F*",
                    "GET /api/v4/projects/42/protected_branches", "PATCH /api/v4/projects/42/protected_branches/main",
                    "DELETE /api/v4/projects/42/protected_branches/old", "POST /api/v4/projects/42/deployments",
                    "GET /api/v4/projects/42/deployments/9", "GET /api/v4/projects/42/deployments",
                    "PUT /api/v4/projects/42/deployments/9", "POST /api/v4/projects/42/deployments/9/approval",
                    "DELETE /api/v4/projects/42/deployments/9", "POST /api/v4/projects/42/repository/commits",
                    "GET /api/v4/projects/42/repository/commits/a1b2/signature",
                    "POST /api/v4/projects/42/import_project_members/group%2Fold", "POST /api/graphql",
                ])
        }
    }

    @Test("custom attributes of users, groups and projects: list, get, set (a value read from an earlier step), delete")
    func customAttributes() async throws {
        try await StandInServer.with(Self.echo) { server in
            let c = "com.datadoghq.gitlab.customattributes."
            var calls: [(String, String, [String: JSONValue])] = []
            var expected: [String] = []
            for (kind, id, base) in [
                ("User", "user_id", "users"), ("Group", "group_id", "groups"),
                ("Project", "project_id", "projects"),
            ] {
                let path = "/api/v4/\(base)/7/custom_attributes"
                let list: [String: JSONValue] = [id: 7, "per_page": 5]
                let get: [String: JSONValue] = [id: 7, "key": "team"]
                let value: JSONValue = .string("{{ Steps.Get\(kind).custom_attribute.method }}-sre")
                let set: [String: JSONValue] = [id: 7, "key": "team", "value": value]
                let delete: [String: JSONValue] = [id: 7, "key": "on call"]
                calls.append(("List\(kind)", c + "listCustom\(kind)Attributes", list))
                calls.append(("Get\(kind)", c + "getCustom\(kind)Attribute", get))
                calls.append(("Set\(kind)", c + "setCustom\(kind)Attribute", set))
                calls.append(("Delete\(kind)", c + "deleteCustom\(kind)Attribute", delete))
                expected += [
                    "GET \(path)", "GET \(path)/team", "PUT \(path)/team", "DELETE \(path)/on%20call",
                ]
            }
            let summary = try await Self.run(calls, server: server)
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            for kind in ["User", "Group", "Project"] {
                #expect(
                    summary.step("List\(kind)")?.outputs?["custom_attributes"]?.arrayValue?.first?["query"]
                        == "per_page=5")
                #expect(summary.step("Set\(kind)")?.outputs?["custom_attribute"]?["body"] == ["value": "GET-sre"])
                #expect(summary.step("Delete\(kind)")?.outputs == .emptyObject)
            }
            #expect(server.requests.map { "\($0.method) \($0.path)" } == expected)
        }
    }

    @Test("GitLab's refusal fails the step with its answer, for a group, a label and a job token")
    func refusals() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let g = "com.datadoghq.gitlab."
            for (action, parameters) in [
                ("groups.getGroup", ["group_id": "gone"]),
                ("labels.deleteLabel", ["project_id": 42, "label_id": "gone"]),
                ("labels.subscribeToLabel", ["project_id": 42, "label_id": "gone"]),
            ] as [(String, [String: JSONValue])] {
                let summary = try await Self.run([("Step", g + action, parameters)], server: server)
                #expect(summary.status == .stepError, "\(action)")
                #expect(
                    summary.step("Step")?.error?.message == #"404 Not Found: {"message":"404 Label Not Found"}"#,
                    "\(action)")
            }
            let unknown = try await Self.run(
                [("Step", g + "environments.listEnvironments", ["project_id": 404])], server: server)
            #expect(unknown.step("Step")?.error?.code == "FAILED")
            #expect(server.requests.count == 4)
        }
    }
}
