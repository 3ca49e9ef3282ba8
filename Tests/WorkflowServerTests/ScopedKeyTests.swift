import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkflowModel
import WorkflowServer
import WorkflowStore

/// Several keys with scopes over HTTP (the router, no socket): each scope allowed and refused, the audit trail of
/// a session, the key named in the instances it starts, and a reload of the keys file.
@Suite("Scoped keys and the audit trail")
struct ScopedKeyTests {
    /// A keys file in a fresh folder; its keys are `<name>-api` / `<name>-app`.
    struct KeysFixture {
        let directory: URL
        var path: String { directory.appendingPathComponent("keys.yaml").path }

        init(_ keys: [(String, [APIScope])]) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-keys-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try write(keys)
        }

        func write(_ keys: [(String, [APIScope])]) throws {
            var text = "keys:\n"
            for (name, scopes) in keys {
                text += "  - name: \(name)\n    apiKeyHash: \(KeyDigest(hashing: name + "-api"))\n"
                text += "    appKeyHash: \(KeyDigest(hashing: name + "-app"))\n"
                text += "    scopes: [\(scopes.map(\.rawValue).joined(separator: ", "))]\n"
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
    }

    static let all: [(String, [APIScope])] = [
        ("reader", [.workflowsRead]), ("writer", [.workflowsWrite]), ("runner", [.workflowsRun, .workflowsRead]),
        ("admin", APIScope.allCases),
    ]

    static func client(_ api: APIClient, key: String) throws -> APIClient {
        var client = api
        client.headers = [
            try #require(HTTPField.Name("DD-API-KEY")): key + "-api",
            try #require(HTTPField.Name("DD-APPLICATION-KEY")): key + "-app",
        ]
        return client
    }

    @Test("each scope lets its routes through and refuses the others with 403 naming the permission")
    func scopes() async throws {
        let keys = try KeysFixture(Self.all)
        defer { try? FileManager.default.removeItem(at: keys.directory) }
        let harness = try ServerHarness(configuration: .init(keysFile: keys.path))
        try await harness.withClient { api in
            let reader = try Self.client(api, key: "reader")
            let writer = try Self.client(api, key: "writer")
            let runner = try Self.client(api, key: "runner")
            let admin = try Self.client(api, key: "admin")
            #expect(try await api.send(.get, "/api/v2/workflows").text == "{\"errors\":[\"Forbidden\"]}\n")
            #expect(try await Self.client(api, key: "stranger").send(.get, "/api/v2/workflows").status == 403)

            let create: JSONValue = [
                "data": ["type": "workflows", "attributes": ["name": "w", "spec": Specs.apiNoop]]
            ]
            let refused = try await reader.send(.post, "/api/v2/workflows", json: create)
            #expect(refused.status == 403)
            #expect(
                refused.text
                    == "{\"errors\":[\"Forbidden: this key does not have the workflows_write permission\"]}\n")
            let workflowId = try await writer.createWorkflow(spec: Specs.apiNoop)
            #expect(try await reader.send(.get, "/api/v2/workflows/\(workflowId)").status == 200)
            #expect(try await writer.send(.get, "/api/v2/workflows/\(workflowId)").status == 403)
            #expect(try await reader.send(.get, "/runs").status == 200)

            let execute = "/api/v2/workflows/\(workflowId)/instances"
            #expect(try await writer.send(.post, execute, json: .emptyObject).status == 403)
            let instanceId = try await runner.execute(workflowId)
            #expect(try await reader.send(.put, "\(execute)/\(instanceId)/cancel").status == 403)
            #expect(try await runner.send(.put, "\(execute)/\(instanceId)/cancel").status == 200)

            let instance = try await reader.send(.get, "\(execute)/\(instanceId)")
            let source: JSONValue = ["initiator": ["name": "runner"], "type": "api"]
            #expect(instance.json?["data"]?["attributes"]?["sourceForTemplating"] == source)

            #expect(try await runner.send(.get, "/api/v2/stepwise/audit").status == 403)
            #expect(try await writer.send(.delete, "/api/v2/workflows/\(workflowId)").status == 204)
            let audit = try await admin.send(.get, "/api/v2/stepwise/audit")
            #expect(audit.status == 200)
            let rows = (audit.json?["data"]?.arrayValue ?? []).compactMap { $0["attributes"] }
            let summary = rows.map { row in
                [
                    row["key"]?.stringValue ?? "-", row["method"]?.stringValue ?? "", row["target"]?.stringValue ?? "-",
                    row["status"]?.numberValue.map { String(Int($0)) } ?? "",
                ]
            }
            // Newest first; refusals of a known key are recorded, a wrong key's requests are not.
            #expect(
                summary == [
                    ["writer", "DELETE", workflowId, "204"], ["runner", "PUT", instanceId, "200"],
                    ["reader", "PUT", instanceId, "403"], ["runner", "POST", instanceId, "200"],
                    ["writer", "POST", workflowId, "403"], ["writer", "POST", workflowId, "201"],
                    ["reader", "POST", "-", "403"],
                ])
            #expect(rows.first?["route"]?.stringValue == "/api/v2/workflows/\(workflowId)")
        }
    }

    @Test("without keys, changes are still audited, without a name, and the run's Source is empty")
    func anonymous() async throws {
        let harness = try ServerHarness()
        try await harness.withClient { api in
            let workflowId = try await api.createWorkflow(spec: Specs.apiNoop)
            let instanceId = try await api.execute(workflowId)
            let entries = try await harness.environment.audit.auditEntries(limit: 10)
            #expect(entries.map(\.target) == [instanceId, workflowId])
            #expect(entries.allSatisfy { $0.keyName == nil })
            let instance = try await api.send(.get, "/api/v2/workflows/\(workflowId)/instances/\(instanceId)")
            #expect(instance.json?["data"]?["attributes"]?["sourceForTemplating"] == .emptyObject)
        }
    }

    @Test("a reload puts a new keys file in force; a bad one keeps the keys in force")
    func reload() async throws {
        let keys = try KeysFixture([("reader", [.workflowsRead])])
        defer { try? FileManager.default.removeItem(at: keys.directory) }
        let harness = try ServerHarness(configuration: .init(keysFile: keys.path))
        let security = try ServerSecurity(harness.environment.configuration, logger: harness.environment.logger)
        let app = try buildApplication(harness.environment, security: security)
        try await app.test(.router) { client in
            let api = APIClient(client: client, environment: harness.environment)
            let reader = try Self.client(api, key: "reader")
            let later = try Self.client(api, key: "later")
            #expect(try await reader.send(.get, "/api/v2/workflows").status == 200)
            #expect(try await later.send(.get, "/api/v2/workflows").status == 403)

            try keys.write([("later", [.workflowsRead])])
            security.reload()
            #expect(try await reader.send(.get, "/api/v2/workflows").status == 403)
            #expect(try await later.send(.get, "/api/v2/workflows").status == 200)

            try "keys: [not a key]\n".write(toFile: keys.path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keys.path)
            security.reload()
            #expect(try await later.send(.get, "/api/v2/workflows").status == 200)
            #expect(throws: KeysFileError.self) { try security.keys?.reload() }
        }
        try? FileManager.default.removeItem(at: harness.directory)
    }
}
