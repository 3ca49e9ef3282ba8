import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's GitLab `mergerequests` ids beyond create/get/list/update/accept, each through a workflow run against
/// a stand-in answering as GitLab's REST API v4 documents the merge request endpoints, with the runner's output
/// names (`merge_request_approvals`, `basic_users`, `pipeline_infos`, `time_stats`, `{}`, …).
@Suite("GitLab manifests: the runner's merge request ids")
struct GitLabMergeRequestIdsTests {
    private static let token = "glpat-merge-requests"
    private static let lists = [
        "/closes_issues", "/commits", "/versions", "/participants", "/reviewers", "/diffs", "/pipelines",
        "/merge_requests",
    ]

    /// Echoes each request; a list for the documented list endpoints; GitLab's 404 for merge request 404.
    private static let gitlab = GitLabEchoStandIn.handler(token: token, lists: lists) { path in
        path.contains("/merge_requests/404") ? "404 Merge Request Not Found" : nil
    }

    @Test("each id sends its documented request and outputs the runner's shape; a later step reads an output")
    func everyIdAgainstTheStandIn() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let m = "com.datadoghq.gitlab.mergerequests."
            let mr: [String: JSONValue] = ["project_id": 42, "merge_request_iid": 5]
            func with(_ extra: [String: JSONValue]) -> [String: JSONValue] { mr.merging(extra) { $1 } }
            let calls: [(String, String, [String: JSONValue], String)] = [
                ("Approve", "approveMergeRequest", with(["sha": "a1b2"]), "POST /approve"),
                ("Approvals", "getMergeRequestApprovals", mr, "GET /approvals"),
                ("Unapprove", "unapproveMergeRequest", mr, "POST /unapprove"),
                ("Spend", "addSpentTime", with(["duration": "1h30m"]), "POST /add_spent_time"),
                (
                    "Estimate", "setTimeEstimate", with(["duration": "{{ Steps.Spend.time_stats.body.duration }}"]),
                    "POST /time_estimate"
                ),
                ("Spent", "getTimeSpent", mr, "GET /time_stats"),
                ("ResetSpent", "resetSpentTime", mr, "POST /reset_spent_time"),
                ("ResetEstimate", "resetTimeEstimate", mr, "POST /reset_time_estimate"),
                ("Cancel", "cancelMergeWhenPipelineSucceeds", mr, "POST /cancel_merge_when_pipeline_succeeds"),
                ("Pipeline", "createMergeRequestPipeline", mr, "POST /pipelines"),
                ("Pipelines", "listMergeRequestPipelines", with(["per_page": 2]), "GET /pipelines"),
                ("Todo", "createTodo", mr, "POST /todo"),
                ("Closes", "getIssuesClosedOnMerge", mr, "GET /closes_issues"),
                ("Commits", "getMergeRequestCommits", mr, "GET /commits"),
                ("Versions", "getMergeRequestDiffVersions", mr, "GET /versions"),
                (
                    "Version", "getSingleMergeRequestDiffVersion", with(["version_id": 3, "unidiff": true]),
                    "GET /versions/3"
                ),
                ("Diffs", "listMergeRequestDiffs", mr, "GET /diffs"),
                ("Participants", "getMergeRequestParticipants", mr, "GET /participants"),
                ("Reviewers", "getMergeRequestReviewers", mr, "GET /reviewers"),
                ("Subscribe", "subscribeToMergeRequest", mr, "POST /subscribe"),
                ("Unsubscribe", "unsubscribeFromMergeRequest", mr, "POST /unsubscribe"),
                ("Rebase", "rebaseMergeRequest", with(["skip_ci": true]), "PUT /rebase"),
                ("Delete", "deleteMergeRequest", mr, "DELETE "),
                (
                    "Mine", "listMergeRequests", ["scope": "assigned_to_me", "state": "opened"],
                    "GET /api/v4/merge_requests"
                ),
                (
                    "Group", "listGroupMergeRequests", ["group_id": "platform/sre", "draft": false],
                    "GET /api/v4/groups/platform%2Fsre/merge_requests"
                ),
            ]
            let steps = calls.enumerated().map { index, call in
                WorkflowRun.step(
                    call.0, m + call.1, call.2, next: index + 1 < calls.count ? calls[index + 1].0 : nil)
            }
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            let base = "/api/v4/projects/42/merge_requests/5"
            let expected = calls.map { call -> String in
                let parts = call.3.split(separator: " ", maxSplits: 1).map(String.init)
                let path = parts.count > 1 ? parts[1] : ""
                return parts[0] + " " + (path.hasPrefix("/api/") ? path : base + path)
            }
            #expect(server.requests.map { "\($0.method) \($0.path)" } == expected)
            let outputs: [(String, String)] = [
                ("Approve", "merge_request_approvals"), ("Approvals", "merge_request_approvals"),
                ("Spend", "time_stats"), ("Estimate", "time_stats"), ("Spent", "time_stats"),
                ("ResetSpent", "time_stats"), ("ResetEstimate", "time_stats"), ("Cancel", "merge_request"),
                ("Pipeline", "pipeline_info"), ("Pipelines", "pipeline_infos"), ("Todo", "todo"),
                ("Closes", "issues"), ("Commits", "commits"), ("Versions", "merge_request_diff_versions"),
                ("Version", "merge_request_diff_version"), ("Diffs", "merge_request_diffs"),
                ("Participants", "basic_users"), ("Reviewers", "merge_request_reviewers"),
                ("Subscribe", "merge_request"), ("Unsubscribe", "merge_request"), ("Mine", "merge_requests"),
                ("Group", "merge_requests"),
            ]
            for (step, name) in outputs {
                #expect(summary.step(step)?.outputs?.objectValue?.keys.sorted() == [name], "\(step)")
            }
            for step in ["Unapprove", "Rebase", "Delete"] {
                #expect(summary.step(step)?.outputs == .emptyObject, "\(step)")
            }
            #expect(summary.step("Estimate")?.outputs?["time_stats"]?["body"] == ["duration": "1h30m"])
            #expect(summary.step("Approve")?.outputs?["merge_request_approvals"]?["body"] == ["sha": "a1b2"])
            #expect(summary.step("Version")?.outputs?["merge_request_diff_version"]?["query"] == "unidiff=true")
            #expect(
                summary.step("Mine")?.outputs?["merge_requests"]?.arrayValue?.first?["query"]
                    == "scope=assigned_to_me&state=opened")
        }
    }

    @Test("GitLab's refusal fails the step with its answer")
    func refusal() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let steps = [
                WorkflowRun.step(
                    "Approve", "com.datadoghq.gitlab.mergerequests.approveMergeRequest",
                    ["project_id": 42, "merge_request_iid": 404])
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .stepError)
            #expect(
                summary.step("Approve")?.error?.message == #"404 Not Found: {"message":"404 Merge Request Not Found"}"#)
            #expect(server.requests.count == 1)
        }
    }
}
