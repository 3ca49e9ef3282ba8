import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// The rest of the runner's HTTP bundle in workflow runs against a local server: `getChecksumFromURL` and
/// `testConnection`.
@Suite("HTTP bundle: checksum and connection test")
struct HTTPBundleTests {
    private static let checksum = ActionRegistry.SystemActionID.getChecksumFromURL

    @Test func hashesTheDownloadedBytesWithEachAlgorithmAndDigest() async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
            request.path == "/file.bin"
                ? StandInServer.Response(contentType: "application/octet-stream", body: Array("abc".utf8))
                : .json(["error": "no such file"], status: 404)
        }
        try await StandInServer.with(answer) { server in
            let url = JSONValue.string(server.baseURL + "/file.bin")
            let cases: [(String, [String: JSONValue], String)] = [
                ("Default", ["url": url], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                ("Md5", ["url": url, "algorithm": "md5"], "900150983cd24fb0d6963f7d28e17f72"),
                ("Sha1", ["url": url, "algorithm": "SHA1"], "a9993e364706816aba3e25717850c26c9cd0d89d"),
                ("Base64", ["url": url, "digest": "base64"], "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="),
                (
                    "Url", ["url": url, "algorithm": "sha512", "digest": "base64url"],
                    "3a81oZNherrMQXNJriBBMRLm-k6JqX6iCp7u5ktV05ohkpkqJ0_BqDa6PCOj_uu9RU1EI2Q86A4qmslPpUyknw"
                ),
            ]
            var steps = cases.enumerated().map { index, item in
                WorkflowRun.step(
                    item.0, Self.checksum, item.1, next: index + 1 < cases.count ? cases[index + 1].0 : "Missing")
            }
            steps.append(
                WorkflowRun.step("Missing", Self.checksum, ["url": .string(server.baseURL + "/gone")], next: nil))
            let summary = try await WorkflowRun.run(steps)
            for item in cases {
                #expect(summary.step(item.0)?.outputs == ["checksum": .string(item.2)], "\(item.0)")
            }
            #expect(summary.step("Missing")?.error?.code == "FAILED")
            #expect(summary.step("Missing")?.error?.message == #"404 Not Found: {"error":"no such file"}"#)
        }
    }

    @Test func anUnknownAlgorithmIsRefusedBeforeDownloading() async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { _ in .json([:]) }
        try await StandInServer.with(answer) { server in
            let step = WorkflowRun.step(
                "Hash", Self.checksum, ["url": .string(server.baseURL + "/x"), "algorithm": "crc32"])
            let summary = try await WorkflowRun.run([step])
            #expect(summary.step("Hash")?.error?.code == "INVALID_INPUT")
            #expect(
                summary.step("Hash")?.error?.message
                    == #"input "algorithm" must be md5, sha1, sha256, sha384 or sha512, got "crc32""#)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func dryRunsGiveTheBundlesDocumentedOutputShapes() throws {
        typealias ID = ActionRegistry.SystemActionID
        let registry = try WorkflowRun.registry()
        #expect(registry.documentedOutputShape(for: ID.getChecksumFromURL) == ["checksum": ""])
        #expect(registry.documentedOutputShape(for: ID.httpTestConnection)?["status"] == 0)
        #expect(registry.documentedOutputShape(for: ID.runPredefinedScript)?["exitCode"] == 0)
        #expect(registry.documentedOutputShape(for: ID.enrichScript) == ["options": [], "placeholder": ""])
    }

    @Test func testConnectionGetsTheConnectionBaseURL() async throws {
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
            request.headers["x-api-key"] == "secret-key" ? .json(["ok": true]) : .json(["ok": false], status: 401)
        }
        try await StandInServer.with(answer) { server in
            let good: JSONValue = ["baseUrl": .string(server.baseURL), "headers": ["X-Api-Key": "secret-key"]]
            let bad: JSONValue = ["baseUrl": .string(server.baseURL), "headers": ["X-Api-Key": "wrong"]]
            let test = ActionRegistry.SystemActionID.httpTestConnection
            let steps = [
                WorkflowRun.step("Good", test, [:], next: "Bad", connection: "good"),
                WorkflowRun.step("Bad", test, [:], connection: "bad"),
            ]
            let summary = try await WorkflowRun.run(steps, connections: ["connections": ["good": good, "bad": bad]])
            #expect(summary.step("Good")?.outputs?["status"] == 200)
            #expect(summary.step("Good")?.outputs?["body"] == ["ok": true])
            #expect(summary.step("Bad")?.error?.message == #"401 Unauthorized: {"ok":false}"#)
            #expect(server.requests.map(\.path) == ["/", "/"])
        }
    }
}
