import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The GitLab and Jenkins samples (`samples/bundles/gitlab.json`, `jenkins.json`) run for real, as `stepwise run
/// --credentials DIR` runs them: the runner credential files `INTEGRATION_GITLAB.json` / `INTEGRATION_JENKINS.json`
/// give the tokens, and the requests go to stand-ins answering as GitLab's and Jenkins' APIs document them.
@Suite("GitLab and Jenkins samples against stand-ins, with runner credential files")
struct DevOpsSampleTests {
    private static let token = "glpat-sample"

    private static let gitlab: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        guard request.headers["private-token"] == token else {
            return .json(["message": "401 Unauthorized"], status: 401)
        }
        let mr = "/api/v4/projects/group%2Fapp/merge_requests/5"
        switch (request.method, request.path) {
        case ("GET", "/api/v4/user"): return .json(["id": 1, "username": "release-bot"])
        case ("GET", mr): return .json(["iid": 5, "title": "Bump the API", "state": "opened"])
        case ("GET", mr + "/approvals"): return .json(["approved": true, "approved_by": [["user": ["id": 2]]]])
        case ("GET", mr + "/pipelines"): return .json([["id": 77, "status": "success"]])
        case ("POST", "/api/v4/projects/group%2Fapp/labels"):
            return .json(["id": 9, "name": request.json["name"] ?? .null], status: 201)
        case ("POST", mr + "/notes"): return .json(["id": 31, "body": request.json["body"] ?? .null], status: 201)
        default: return .json(["message": "404 Not found"], status: 404)
        }
    }

    private static func run(
        _ sample: String, inputs: [String: JSONValue], credentials tokens: [String: String], label: String
    ) async throws -> InstanceSummary {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-devops-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try BundleWorkflow.writeCredentials(tokens, label: label, in: directory)
        let spec = try BundleWorkflow.spec(at: BundleWorkflow.samples.appendingPathComponent(sample))
        return try await BundleWorkflow.run(
            spec, registry: try WorkflowRun.registry(), inputs: inputs, credentials: directory)
    }

    @Test("gitlab.json reads a merge request, its approvals and pipelines, labels it and comments on it")
    func gitlabSample() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let summary = try await Self.run(
                "gitlab.json", inputs: ["project": "group/app", "mergeRequest": 5],
                credentials: ["gitlabApiToken": Self.token, "baseURL": server.baseURL],
                label: "INTEGRATION_GITLAB")
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.outputs["title"] == "Bump the API")
            #expect(summary.outputs["pipelines"] == [["id": 77, "status": "success"]])
            #expect(
                summary.outputs["note"]?["body"]
                    == "Checked by release-bot: approved true, label needs-review")
            #expect(server.requests.count == 6)
        }
    }

    @Test("gitlab.json with a token GitLab refuses fails at the first step with GitLab's answer")
    func gitlabSampleRefused() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let summary = try await Self.run(
                "gitlab.json", inputs: ["project": "group/app", "mergeRequest": 5],
                credentials: ["gitlabApiToken": "glpat-revoked", "baseURL": server.baseURL],
                label: "INTEGRATION_GITLAB")
            #expect(summary.status == .stepError)
            #expect(
                summary.stepSummary("Check_token")?.error?.message
                    == #"401 Unauthorized: {"message":"401 Unauthorized"}"#)
            #expect(server.requests.count == 1)
        }
    }

    @Test("jenkins.json starts a parameterized build and reads the job's last build")
    func jenkinsSample() async throws {
        let jenkins: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
            let basic = "Basic " + Data("ci-bot:jenkins-token".utf8).base64EncodedString()
            guard request.headers["authorization"] == basic else {
                return StandInServer.Response(status: 401, contentType: "text/html", body: Array("Unauthorized".utf8))
            }
            switch (request.method, request.path) {
            case ("POST", "/job/deploy/buildWithParameters"):
                return StandInServer.Response(
                    status: 201, contentType: "text/plain", body: [], headers: [("Location", "/queue/item/3/")])
            case ("GET", "/job/deploy/lastBuild/api/json"):
                return .json(["id": "12", "building": true, "result": nil, "displayName": "#12"])
            default:
                return StandInServer.Response(status: 404, contentType: "text/html", body: Array("Not Found".utf8))
            }
        }
        try await StandInServer.with(jenkins) { server in
            let summary = try await Self.run(
                "jenkins.json", inputs: ["job": "deploy", "version": "1.2.0"],
                credentials: ["username": "ci-bot", "token": "jenkins-token", "domain": server.baseURL],
                label: "INTEGRATION_JENKINS")
            #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
            #expect(summary.outputs["building"] == true)
            #expect(server.requests.first?.query.split(separator: "&").sorted() == ["VERSION=1.2.0", "delay=0sec"])
        }
    }
}
