import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowTestSupport

/// The runner's GitLab `repositories` bundle through workflow runs against a stand-in answering as GitLab's
/// REST API v4 documents the repository endpoints (JSON objects, raw blobs, archives).
@Suite("GitLab manifests: the runner's repositories ids")
struct GitLabRepositoriesTests {
    private static let token = "glpat-repositories"
    private static let blob: [UInt8] = Array("package main\n".utf8)
    private static let archive: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF]

    private static let gitlab: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
        guard request.headers["private-token"] == token else {
            return .json(["message": "401 Unauthorized"], status: 401)
        }
        let echo: JSONValue = [
            "method": .string(request.method), "body": request.json, "query": .string(request.query),
        ]
        let repository = "/api/v4/projects/42/repository"
        switch (request.method, request.path) {
        case ("GET", repository + "/compare"), ("GET", repository + "/merge_base"), ("GET", repository + "/changelog"):
            return .json(echo)
        case ("GET", repository + "/contributors"), ("GET", repository + "/tree"):
            return .json([echo])
        case ("GET", repository + "/blobs/b0b"):
            return .json(["size": 13, "sha": "b0b", "encoding": "base64", "content": "cGFja2FnZSBtYWluCg=="])
        case ("GET", repository + "/blobs/b0b/raw"):
            return StandInServer.Response(contentType: "text/plain", body: blob)
        case ("GET", repository + "/archive.zip"), ("GET", repository + "/archive.tar.gz"):
            return StandInServer.Response(contentType: "application/octet-stream", body: archive)
        case ("POST", repository + "/changelog"):
            return StandInServer.Response(status: 200, contentType: "application/json", body: [])
        default:
            return .json(["message": "404 Not found"], status: 404)
        }
    }

    @Test("each id sends its documented request; raw blobs as text or base64, archives as base64")
    func everyIdAgainstTheStandIn() async throws {
        try await StandInServer.with(Self.gitlab) { server in
            let connection: JSONValue = [
                "type": "gitlab", "gitlabApiToken": .string(Self.token), "baseURL": .string(server.baseURL),
            ]
            let r = "com.datadoghq.gitlab.repositories."
            let calls: [(String, String, [String: JSONValue])] = [
                ("Compare", r + "compare", ["project_id": 42, "from": "v1", "to": "main", "straight": true]),
                ("Contributors", r + "contributors", ["project_id": 42, "order_by": "commits"]),
                ("Tree", r + "listTree", ["project_id": 42, "path": "src", "recursive": true]),
                ("Base", r + "mergeBase", ["project_id": 42, "refs": ["main", "{{ Steps.Compare.compare.method }}"]]),
                ("Blob", r + "getBlob", ["project_id": 42, "sha": "b0b"]),
                ("Text", r + "rawBlobContent", ["project_id": 42, "sha": "b0b", "decode": true]),
                ("Bytes", r + "rawBlobContent", ["project_id": 42, "sha": "b0b"]),
                ("Zip", r + "getFileArchive", ["project_id": 42, "format": "zip", "sha": "main"]),
                ("Tarball", r + "getFileArchive", ["project_id": 42]),
                ("Data", r + "generateChangelogData", ["project_id": 42, "version": "1.2.0"]),
                ("Changelog", r + "addChangelog", ["project_id": 42, "version": "1.2.0", "branch": "main"]),
                ("Missing", r + "getBlob", ["project_id": 42, "sha": "gone"]),
            ]
            let steps = calls.enumerated().map { index, call in
                WorkflowRun.step(call.0, call.1, call.2, next: index + 1 < calls.count ? calls[index + 1].0 : nil)
            }
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["gitlab": connection]])
            #expect(summary.step("Compare")?.outputs?["compare"]?["query"] == "from=v1&straight=true&to=main")
            #expect(summary.step("Contributors")?.outputs?["contributors"]?.arrayValue?.count == 1)
            #expect(
                summary.step("Tree")?.outputs?["tree_nodes"]?.arrayValue?.first?["query"]
                    == "path=src&recursive=true")
            #expect(summary.step("Base")?.outputs?["commit"]?["query"] == "refs%5B%5D=main&refs%5B%5D=GET")
            #expect(summary.step("Blob")?.outputs?["blob"]?["content"] == "cGFja2FnZSBtYWluCg==")
            #expect(summary.step("Text")?.outputs == ["content": "package main\n", "encoding": "utf-8"])
            #expect(
                summary.step("Bytes")?.outputs == [
                    "content": .string(Data(Self.blob).base64EncodedString()), "encoding": "base64",
                ])
            let encodedArchive = JSONValue.string(Data(Self.archive).base64EncodedString())
            #expect(summary.step("Zip")?.outputs == ["content": encodedArchive, "encoding": "base64"])
            #expect(summary.step("Tarball")?.outputs?["content"] == encodedArchive)
            #expect(summary.step("Data")?.outputs?["changelog_data"]?["query"] == "version=1.2.0")
            #expect(summary.step("Changelog")?.outputs == .emptyObject)
            #expect(summary.status == .stepError)
            #expect(summary.step("Missing")?.error?.message == #"404 Not Found: {"message":"404 Not found"}"#)
            let paths = server.requests.map(\.path)
            #expect(paths.contains("/api/v4/projects/42/repository/archive.zip"))
            #expect(paths.contains("/api/v4/projects/42/repository/archive.tar.gz"))
            #expect(server.requests.first { $0.method == "POST" }?.json == ["version": "1.2.0", "branch": "main"])
        }
    }
}
