import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// The GitLab and Jenkins manifests in workflow runs against stand-ins that answer as GitLab's REST API v4 and
/// Jenkins' remote access API document (paths, methods, auth headers, bodies, statuses).
@Suite("GitLab and Jenkins manifests against stand-in services")
struct DevOpsManifestTests {
    /// GitLab: `PRIVATE-TOKEN` auth, `/api/v4/projects/:id/…`, a namespaced path URL-encoded as one segment.
    private static let gitlab: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        guard request.headers["private-token"] == "glpat-secret-token" else {
            let given = JSONValue.string(request.headers["private-token"] ?? "")
            return .json(["message": "401 Unauthorized", "token": given], status: 401)
        }
        switch (request.method, request.path) {
        case ("POST", "/api/v4/projects/group%2Fapp/repository/branches"):
            return .json(["name": request.json["branch"] ?? .null, "merged": false], status: 201)
        case ("GET", "/api/v4/projects/42/pipelines/7"):
            return .json(["id": 7, "status": "success", "ref": "main"])
        case ("GET", "/api/v4/projects/42/issues"):
            return .json([["iid": 3, "title": "Flaky test", "state": "opened"]])
        case ("GET", "/api/v4/projects/group%2Fapp/repository/files/src%2Fa%20b.txt"):
            return .json(["file_name": "a b.txt", "file_path": "src/a b.txt", "content": "aGk=", "encoding": "base64"])
        case ("GET", "/api/v4/projects/42/repository/files/README.md/raw"):
            return StandInServer.Response(contentType: "text/plain", body: Array("# App\n".utf8))
        case ("POST", "/api/v4/projects/42/merge_requests/5/notes"):
            return .json(["id": 99, "body": request.json["body"] ?? .null], status: 201)
        default:
            return .json(["message": "404 Branch Not Found"], status: 404)
        }
    }

    @Test func gitlabActionsSendTheDocumentedRequests() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": "glpat-secret-token", "baseURL": .string(server.baseURL),
            ]
            let prefix = "com.datadoghq.gitlab."
            let steps = [
                WorkflowRun.step(
                    "Branch", prefix + "branches.createBranch",
                    ["project_id": "group/app", "branch": "fix/login", "ref": "main"], next: "Pipeline"),
                WorkflowRun.step(
                    "Pipeline", prefix + "pipelines.getPipeline", ["project_id": 42, "pipeline_id": 7], next: "Issues"),
                WorkflowRun.step(
                    "Issues", prefix + "issues.listProjectIssues",
                    ["project_id": 42, "state": "opened", "labels": "flaky", "per_page": 20], next: "File"),
                WorkflowRun.step(
                    "File", prefix + "repositoryfiles.getFile",
                    ["project_id": "group/app", "file_path": "src/a b.txt", "ref": "main"], next: "Note"),
                WorkflowRun.step(
                    "Note", prefix + "notes.createMergeRequestNote",
                    [
                        "project_id": 42, "merge_request_iid": 5,
                        "body": "Pipeline {{ Steps.Pipeline.pipeline.status }}",
                    ],
                    next: "Raw"),
                WorkflowRun.step(
                    "Raw", prefix + "repositoryfiles.getRawFile", ["project_id": 42, "file_path": "README.md"],
                    next: "Missing"),
                WorkflowRun.step(
                    "Missing", prefix + "branches.getBranch", ["project_id": 42, "branch": "gone"]),
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.step("Branch")?.outputs == ["branch": ["name": "fix/login", "merged": false]])
            #expect(summary.step("Pipeline")?.outputs?["pipeline"]?["status"] == "success")
            #expect(summary.step("Issues")?.outputs?["issues"]?.arrayValue?.first?["title"] == "Flaky test")
            #expect(summary.step("File")?.outputs?["file"]?["content"] == "aGk=")
            #expect(summary.step("Note")?.outputs == ["note": ["id": 99, "body": "Pipeline success"]])
            #expect(summary.step("Missing")?.error?.code == "FAILED")
            #expect(summary.step("Missing")?.error?.message == #"404 Not Found: {"message":"404 Branch Not Found"}"#)
            let requests = server.requests
            #expect(summary.step("Raw")?.outputs == ["content": "# App\n"])
            #expect(requests.count == 7)
            #expect(requests.first?.json == ["branch": "fix/login", "ref": "main"])
            let issues = requests.first { $0.path == "/api/v4/projects/42/issues" }
            #expect(issues?.query.split(separator: "&").sorted() == ["labels=flaky", "per_page=20", "state=opened"])
            #expect(requests.first { $0.path.hasSuffix("/files/src%2Fa%20b.txt") }?.query == "ref=main")
        }
    }

    @Test func aWrongGitLabTokenIsAClearFailureWithTheTokenScrubbed() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": "glpat-wrong-token", "baseURL": .string(server.baseURL),
            ]
            let steps = [WorkflowRun.step("Project", "com.datadoghq.gitlab.projects.getProject", ["project_id": 42])]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            let message = try #require(summary.step("Project")?.error?.message)
            #expect(message.hasPrefix(#"401 Unauthorized: {"message":"401 Unauthorized","token":""#))
            #expect(!message.contains("glpat-wrong-token"))
            #expect(server.requests.first?.headers["private-token"] == "glpat-wrong-token")
        }
    }

    @Test func aRunnerCredentialFileGivesTheGitLabTokenAndBaseURL() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("gitlab-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            let tokens: JSONValue = [
                "auth_type": "Token Auth",
                "credentials": [
                    ["tokenName": "gitlabApiToken", "tokenValue": "glpat-secret-token"],
                    ["tokenName": "baseURL", "tokenValue": .string(server.baseURL)],
                ],
            ]
            try tokens.compactJSON.write(to: file, atomically: true, encoding: .utf8)
            let connection: JSONValue = ["type": "gitlab", "credentials": .string(file.path)]
            let steps = [
                WorkflowRun.step(
                    "Pipeline", "com.datadoghq.gitlab.pipelines.getPipeline", ["project_id": 42, "pipeline_id": 7])
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.step("Pipeline")?.outputs?["pipeline"]?["id"] == 7)
            #expect(server.requests.count == 1)
        }
    }

    /// Jenkins: Basic auth with the API token; `/job/<name>/build`, `/buildWithParameters`, `/lastBuild/api/json`.
    private static let jenkins: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        let basic = "Basic " + Data("ci-bot:jenkins-api-token".utf8).base64EncodedString()
        guard request.headers["authorization"] == basic else {
            return StandInServer.Response(status: 401, contentType: "text/html", body: Array("Unauthorized".utf8))
        }
        let created = StandInServer.Response(
            status: 201, contentType: "text/plain", body: [], headers: [("Location", "/queue/item/12/")])
        switch (request.method, request.path) {
        case ("POST", "/job/folder/job/deploy/buildWithParameters"), ("POST", "/job/nightly/build"):
            return created
        case ("GET", "/job/nightly/lastBuild/api/json"):
            return .json([
                "displayName": "#41", "duration": 0, "estimatedDuration": 120_000, "id": "41", "building": true,
                "result": nil, "url": "https://jenkins.example.com/job/nightly/41/", "number": 41,
            ])
        case ("DELETE", "/job/old-job/"):
            return StandInServer.Response(status: 200, contentType: "text/plain", body: [])
        default:
            return StandInServer.Response(status: 404, contentType: "text/html", body: Array("Not Found".utf8))
        }
    }

    @Test func jenkinsActionsBuildReadAndDeleteJobs() async throws {
        try await StandInServer.with(Self.jenkins) { server in
            let connection: JSONValue = [
                "type": "jenkins", "username": "ci-bot", "token": "jenkins-api-token",
                "domain": .string(server.baseURL),
            ]
            let prefix = "com.datadoghq.jenkins."
            let steps = [
                WorkflowRun.step(
                    "Deploy", prefix + "buildJenkinsJob",
                    [
                        "jobName": "folder/job/deploy",
                        "buildWithParameters": [
                            "option": "with_parameters", "parameters": ["ENV": "staging", "VERSION": "1.2 rc"],
                        ],
                    ], next: "Nightly"),
                WorkflowRun.step(
                    "Nightly", prefix + "buildJenkinsJob",
                    ["jobName": "nightly", "buildWithParameters": ["option": "no_parameters"]], next: "Status"),
                WorkflowRun.step("Status", prefix + "getJobStatus", ["jobName": "nightly"], next: "Delete"),
                WorkflowRun.step("Delete", prefix + "deleteJenkinsJob", ["jobName": "old-job"], next: "Missing"),
                WorkflowRun.step("Missing", prefix + "getJobStatus", ["jobName": "no-such-job"]),
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["jenkins": connection]])
            #expect(summary.step("Deploy")?.outputs == .emptyObject)
            #expect(summary.step("Nightly")?.outputs == .emptyObject)
            let status = summary.step("Status")?.outputs
            #expect(status?["inProgress"] == true)
            #expect(status?["id"] == "41")
            #expect(status?["estimatedDuration"] == 120_000)
            #expect(status?["number"] == nil)
            #expect(summary.step("Delete")?.error == nil)
            #expect(summary.step("Delete")?.outputs == .emptyObject)
            #expect(summary.step("Missing")?.error?.message == "404 Not Found: Not Found")
            let requests = server.requests
            try #require(requests.count == 5)
            #expect(requests.map(\.method) == ["POST", "POST", "GET", "DELETE", "GET"])
            #expect(
                requests[0].query.split(separator: "&").sorted() == ["ENV=staging", "VERSION=1.2+rc", "delay=0sec"])
            #expect(requests[1].query == "delay=0sec")
            #expect(requests.allSatisfy { $0.headers["accept"] == "application/json" })
        }
    }
}
