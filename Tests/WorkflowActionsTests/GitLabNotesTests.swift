import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's GitLab `notes` bundle beyond creating and listing issue and merge request notes: notes of issues,
/// merge requests, snippets and epics, and merge request draft notes, each through a workflow run against a
/// stand-in answering as GitLab's REST API v4 documents the notes endpoints.
@Suite("GitLab manifests: the runner's notes ids")
struct GitLabNotesTests {
    private static let token = "glpat-notes"

    /// Echoes each request; a list for GET of notes; GitLab's 404 for note 404.
    private static let gitlab = GitLabEchoStandIn.handler(token: token, lists: ["notes"]) { path in
        path.hasSuffix("/404") ? "404 Note Not Found" : nil
    }

    @Test("each id sends its documented request and outputs the runner's shape; a later step reads an output")
    func everyIdAgainstTheStandIn() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let n = "com.datadoghq.gitlab.notes."
            let parents: [(String, [String: JSONValue], String)] = [
                ("Issue", ["project_id": 42, "issue_iid": 3], "/api/v4/projects/42/issues/3/notes"),
                (
                    "MergeRequest", ["project_id": 42, "merge_request_iid": 5],
                    "/api/v4/projects/42/merge_requests/5/notes"
                ),
                ("Snippet", ["project_id": 42, "snippet_id": 8], "/api/v4/projects/42/snippets/8/notes"),
                ("Epic", ["group_id": "platform/sre", "epic_id": 2], "/api/v4/groups/platform%2Fsre/epics/2/notes"),
            ]
            var calls: [(String, String, [String: JSONValue])] = []
            var expected: [String] = []
            for (kind, ids, path) in parents {
                let note = ids.merging(["note_id": 11]) { $1 }
                let body: JSONValue = .string("seen by {{ Steps.Get\(kind).note.method }}")
                calls.append(("Create\(kind)", n + "create\(kind)Note", ids.merging(["body": "first"]) { $1 }))
                calls.append(("List\(kind)", n + "list\(kind)Notes", ids.merging(["sort": "asc"]) { $1 }))
                calls.append(("Get\(kind)", n + "get\(kind)Note", note))
                calls.append(("Update\(kind)", n + "update\(kind)Note", note.merging(["body": body]) { $1 }))
                calls.append(("Delete\(kind)", n + "delete\(kind)Note", note))
                expected += ["POST \(path)", "GET \(path)", "GET \(path)/11", "PUT \(path)/11", "DELETE \(path)/11"]
            }
            let mr: [String: JSONValue] = ["project_id": 42, "merge_request_iid": 5]
            let draft = mr.merging(["draft_note_id": 7]) { $1 }
            let drafts = "/api/v4/projects/42/merge_requests/5/draft_notes"
            calls += [
                (
                    "CreateDraft", n + "createDraftNote",
                    mr.merging(["note": "nit", "resolve_discussion": false]) { $1 }
                ),
                ("ListDrafts", n + "listDraftNotes", mr),
                ("GetDraft", n + "getDraftNote", draft),
                ("UpdateDraft", n + "updateDraftNote", draft.merging(["note": "nit, fixed"]) { $1 }),
                ("PublishDraft", n + "publishDraftNote", draft),
                ("PublishAll", n + "publishAllDraftNotes", mr),
                ("DeleteDraft", n + "deleteDraftNote", draft),
            ]
            expected += [
                "POST \(drafts)", "GET \(drafts)", "GET \(drafts)/7", "PUT \(drafts)/7", "PUT \(drafts)/7/publish",
                "POST \(drafts)/bulk_publish", "DELETE \(drafts)/7",
            ]
            let steps = calls.enumerated().map { index, call in
                WorkflowRun.step(call.0, call.1, call.2, next: index + 1 < calls.count ? calls[index + 1].0 : nil)
            }
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(server.requests.map { "\($0.method) \($0.path)" } == expected)
            for (kind, _, _) in parents {
                #expect(summary.step("Create\(kind)")?.outputs?["note"]?["body"] == ["body": "first"], "\(kind)")
                #expect(summary.step("List\(kind)")?.outputs?["notes"]?.arrayValue?.first?["query"] == "sort=asc")
                #expect(summary.step("Update\(kind)")?.outputs?["note"]?["body"] == ["body": "seen by GET"])
                #expect(summary.step("Delete\(kind)")?.outputs == .emptyObject, "\(kind)")
            }
            #expect(
                summary.step("CreateDraft")?.outputs?["draft_note"]?["body"] == [
                    "note": "nit", "resolve_discussion": false,
                ])
            #expect(summary.step("ListDrafts")?.outputs?["draft_notes"]?.arrayValue?.count == 1)
            #expect(summary.step("UpdateDraft")?.outputs?["draft_note"]?["body"] == ["note": "nit, fixed"])
            for step in ["PublishDraft", "PublishAll", "DeleteDraft"] {
                #expect(summary.step(step)?.outputs == .emptyObject, "\(step)")
            }
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
                    "Get", "com.datadoghq.gitlab.notes.getEpicNote", ["group_id": 9, "epic_id": 2, "note_id": 404])
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .stepError)
            #expect(summary.step("Get")?.error?.message == #"404 Not Found: {"message":"404 Note Not Found"}"#)
            #expect(server.requests.count == 1)
        }
    }
}
