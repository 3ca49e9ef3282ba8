import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's GitLab `users` bundle (users, emails, GPG and SSH keys, statuses, impersonation tokens, runners,
/// service accounts), each id through a workflow run against a stand-in answering as GitLab's REST API v4
/// documents the user endpoints, with the runner's output names.
@Suite("GitLab manifests: the runner's users ids")
struct GitLabUsersTests {
    private static let token = "glpat-users"
    private static let lists = [
        "/emails", "/gpg_keys", "/keys", "/users", "/activities", "/memberships", "/impersonation_tokens",
        "/service_accounts",
    ]

    /// Echoes each request; a list for GET of a collection; GitLab's 404 for user 404.
    private static let gitlab = GitLabEchoStandIn.handler(token: token, lists: lists) { path in
        path.hasPrefix("/api/v4/users/404") ? "404 User Not Found" : nil
    }

    /// (step and action, inputs, `METHOD path` after `/api/v4`, output name or nil for `{}`).
    private static let calls: [(String, [String: JSONValue], String, String?)] = [
        ("createUser", ["email": "ada@example.com", "username": "ada", "name": "Ada"], "POST /users", "user"),
        ("getUser", ["user_id": 7, "with_custom_attributes": true], "GET /users/7", "user"),
        ("modifyUser", ["user_id": 7, "bio": "{{ Steps.getUser.user.method }}"], "PUT /users/7", "user"),
        ("listUsers", ["active": true, "search": "ada"], "GET /users", "users"),
        ("currentUser", [:], "GET /user", "user"),
        ("activateUser", ["user_id": 7], "POST /users/7/activate", nil),
        ("approveUser", ["user_id": 7], "POST /users/7/approve", nil),
        ("banUser", ["user_id": 7], "POST /users/7/ban", nil),
        ("unbanUser", ["user_id": 7], "POST /users/7/unban", nil),
        ("blockUser", ["user_id": 7], "POST /users/7/block", nil),
        ("unblockUser", ["user_id": 7], "POST /users/7/unblock", nil),
        ("deactivateUser", ["user_id": 7], "POST /users/7/deactivate", nil),
        ("rejectUser", ["user_id": 7], "POST /users/7/reject", nil),
        ("disableTwoFactor", ["user_id": 7], "PATCH /users/7/disable_two_factor", nil),
        ("addEmail", ["email": "a@example.com"], "POST /user/emails", "email"),
        ("addEmailForUser", ["user_id": 7, "email": "b@example.com"], "POST /users/7/emails", "email"),
        ("getEmail", ["email_id": 3], "GET /user/emails/3", "email"),
        ("listEmails", [:], "GET /user/emails", "emails"),
        ("listEmailsForUser", ["user_id": 7], "GET /users/7/emails", "emails"),
        ("deleteEmail", ["email_id": 3], "DELETE /user/emails/3", nil),
        ("deleteEmailForUser", ["user_id": 7, "email_id": 3], "DELETE /users/7/emails/3", nil),
        ("addGPGKey", ["key": "-----BEGIN PGP"], "POST /user/gpg_keys", "gpg_key"),
        ("addGPGKeyForUser", ["user_id": 7, "key": "-----BEGIN PGP"], "POST /users/7/gpg_keys", "gpg_key"),
        ("getGPGKey", ["key_id": 4], "GET /user/gpg_keys/4", "gpg_key"),
        ("getGPGKeyForUser", ["user_id": 7, "key_id": 4], "GET /users/7/gpg_keys/4", "gpg_key"),
        ("listGPGKeys", [:], "GET /user/gpg_keys", "gpg_keys"),
        ("listGPGKeysForUser", ["user_id": 7], "GET /users/7/gpg_keys", "gpg_keys"),
        ("deleteGPGKey", ["key_id": 4], "DELETE /user/gpg_keys/4", nil),
        ("deleteGPGKeyForUser", ["user_id": 7, "key_id": 4], "DELETE /users/7/gpg_keys/4", nil),
        ("addSSHKey", ["title": "laptop", "key": "ssh-ed25519 AAA"], "POST /user/keys", "ssh_key"),
        ("addSSHKeyForUser", ["user_id": 7, "title": "ci", "key": "ssh-ed25519 BBB"], "POST /users/7/keys", "ssh_key"),
        ("getSSHKey", ["key_id": 5], "GET /user/keys/5", "ssh_key"),
        ("getSSHKeyForUser", ["user_id": 7, "key_id": 5], "GET /users/7/keys/5", "ssh_key"),
        ("listSSHKeys", [:], "GET /user/keys", "ssh_keys"),
        ("listSSHKeysForUser", ["user_id": "ada"], "GET /users/ada/keys", "ssh_keys"),
        ("deleteSSHKey", ["key_id": 5], "DELETE /user/keys/5", nil),
        ("deleteSSHKeyForUser", ["user_id": 7, "key_id": 5], "DELETE /users/7/keys/5", nil),
        ("getUserActivities", ["from": "2026-12-01"], "GET /user/activities", "user_activities"),
        ("getUserAssociationsCount", ["user_id": 7], "GET /users/7/associations_count", "user_associations_count"),
        ("getUserMemberships", ["user_id": 7, "type": "Project"], "GET /users/7/memberships", "user_memberships"),
        ("getUserStatus", ["user_id": 7], "GET /users/7/status", "user_status"),
        ("currentUserStatus", [:], "GET /user/status", "user_status"),
        ("setUserStatus", ["emoji": "coffee", "message": "back soon"], "PUT /user/status", "user_status"),
        (
            "getAllImpersonationTokens", ["user_id": 7, "state": "active"], "GET /users/7/impersonation_tokens",
            "impersonation_tokens"
        ),
        (
            "getImpersonationToken", ["user_id": 7, "impersonation_token_id": 9], "GET /users/7/impersonation_tokens/9",
            "impersonation_token"
        ),
        (
            "revokeImpersonationToken", ["user_id": 7, "impersonation_token_id": 9],
            "DELETE /users/7/impersonation_tokens/9", nil
        ),
        ("createUserRunner", ["runner_type": "project_type", "project_id": 42], "POST /user/runners", "user_runner"),
        ("createServiceAccountUser", ["name": "bot", "username": "bot"], "POST /service_accounts", "service_account"),
        ("listServiceAccounts", ["sort": "asc"], "GET /service_accounts", "service_accounts"),
        ("deleteUser", ["user_id": 7], "DELETE /users/7", nil),
    ]

    @Test("each of the 50 ids sends its documented request and outputs the runner's shape")
    func everyIdAgainstTheStandIn() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let calls = Self.calls
            let steps = calls.enumerated().map { index, call in
                WorkflowRun.step(
                    call.0, "com.datadoghq.gitlab.users." + call.0, call.1,
                    next: index + 1 < calls.count ? calls[index + 1].0 : nil)
            }
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(Set(calls.map(\.0)).count == 50)
            let expected = calls.map { call -> String in
                let parts = call.2.split(separator: " ", maxSplits: 1)
                return "\(parts[0]) /api/v4\(parts[1])"
            }
            #expect(server.requests.map { "\($0.method) \($0.path)" } == expected)
            for (name, _, _, output) in calls {
                let outputs = summary.step(name)?.outputs
                if let output {
                    #expect(outputs?.objectValue?.keys.sorted() == [output], "\(name)")
                } else {
                    #expect(outputs == .emptyObject, "\(name)")
                }
            }
            #expect(summary.step("modifyUser")?.outputs?["user"]?["body"] == ["bio": "GET"])
            #expect(
                summary.step("listUsers")?.outputs?["users"]?.arrayValue?.first?["query"] == "active=true&search=ada")
            #expect(
                summary.step("setUserStatus")?.outputs?["user_status"]?["body"] == [
                    "emoji": "coffee", "message": "back soon",
                ])
        }
    }

    @Test("GitLab's refusal fails the step with its answer")
    func refusal() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let steps = [WorkflowRun.step("Block", "com.datadoghq.gitlab.users.blockUser", ["user_id": 404])]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.status == .stepError)
            #expect(summary.step("Block")?.error?.message == #"404 Not Found: {"message":"404 User Not Found"}"#)
            #expect(server.requests.count == 1)
        }
    }
}
