import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer

@Suite("Auth, safety and a live server")
struct AuthAndLiveTests {
    @Test("with keys configured, both headers are required; 403 is Datadog's APIErrorResponse")
    func keysRequired() async throws {
        let harness = try ServerHarness(configuration: .init(apiKey: "api", applicationKey: "app"))
        try await harness.withClient { api in
            let none = try await api.send(.get, "/api/v2/workflows")
            #expect(none.status == 403)
            #expect(none.text == "{\"errors\":[\"Forbidden\"]}\n")
            let apiKey = try #require(HTTPField.Name("DD-API-KEY"))
            let appKey = try #require(HTTPField.Name("DD-APPLICATION-KEY"))
            var wrong = api
            wrong.headers = [apiKey: "api", appKey: "nope"]
            #expect(try await wrong.send(.get, "/api/v2/workflows").status == 403)
            var right = api
            right.headers = [apiKey: "api", appKey: "app"]
            #expect(try await right.send(.get, "/api/v2/workflows").status == 200)
        }
    }

    @Test("without keys the server refuses any address but loopback", arguments: ["0.0.0.0", "192.168.1.10", "::"])
    func loopbackOnly(host: String) throws {
        #expect(throws: ServerError(.insecureBind, "")) {
            try ServerConfiguration(host: host, port: 0).check()
        }
        try ServerConfiguration(host: host, port: 0, apiKey: "a", applicationKey: "b", insecureHTTP: true).check()
        try ServerConfiguration(host: "127.0.0.1", port: 0).check()
    }

    @Test("garbage never crashes the server: odd paths, ids, bodies and parameters get 4xx")
    func garbage() async throws {
        try await ServerHarness().withClient { api in
            let paths = [
                "/api/v2/workflows/%00", "/api/v2/workflows/\(String(repeating: "a", count: 5_000))",
                "/api/v2/workflows/../../etc/passwd", "/api/v2/workflows?limit=-1&page=x",
                "/api/v2/workflows/00000000-0000-4000-8000-000000000000/instances?page%5Bsize%5D=%FF",
            ]
            for path in paths {
                let reply = try await api.send(.get, path)
                #expect((400..<500).contains(reply.status), "\(path): \(reply.status)")
            }
            for body in [
                "", "null", "\"x\"", "{\"data\":null}", "{\"data\":{\"attributes\":[]}}",
                String(repeating: "[", count: 10_000),
            ] {
                let reply = try await api.send(.post, "/api/v2/workflows", text: body)
                #expect(reply.status == 400, "\(body.prefix(20)): \(reply.status)")
            }
        }
    }

    @Test("a live server on 127.0.0.1 with an ephemeral port answers the full API")
    func live() async throws {
        let harness = try ServerHarness(configuration: .init(host: "127.0.0.1", port: 0))
        try await harness.withClient(.live) { api in
            let id = try await api.createWorkflow(spec: Specs.apiNoop)
            let instance = try await api.execute(id)
            #expect(await api.environment.executor.wait(for: instance) == .succeeded)
            let got = try await api.send(.get, "/api/v2/workflows/\(id)/instances/\(instance)")
            #expect(got.status == 200)
            #expect(got.json?["data"]?["attributes"]?["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        }
    }
}
