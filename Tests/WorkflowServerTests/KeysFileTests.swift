import Foundation
import Testing
import WorkflowServer

/// The keys file of `serve --keys` (docs/security.md): YAML or JSON; a bad file is refused naming its line and
/// field, and never repeating a key's value.
@Suite("Keys file")
struct KeysFileTests {
    static let api = KeyDigest(hashing: "api-key-1").description
    static let app = KeyDigest(hashing: "app-key-1").description

    @Test("a YAML file gives each key its name, digests and scopes")
    func yaml() throws {
        let text = """
            keys:
              - name: deploy-bot
                apiKeyHash: \(Self.api)
                appKeyHash: \(Self.app)
                scopes: [workflows_read, workflows_run]
              - name: admin
                apiKeyHash: \(Self.api)
                appKeyHash: \(KeyDigest(hashing: "app-key-2"))
                scopes:
                  - workflows_read
                  - workflows_write
                  - workflows_run
            """
        let keyring = try KeysFile.parse(text, file: "keys.yaml")
        #expect(keyring.keys.map(\.name) == ["deploy-bot", "admin"])
        #expect(keyring.keys[0].scopes == [.workflowsRead, .workflowsRun])
        #expect(keyring.keys[1].scopes == Set(APIScope.allCases))
        #expect(keyring.authenticate(apiKey: "api-key-1", applicationKey: "app-key-1")?.name == "deploy-bot")
        #expect(keyring.authenticate(apiKey: "api-key-1", applicationKey: "app-key-2")?.name == "admin")
    }

    @Test("a JSON file reads the same")
    func json() throws {
        let text = """
            {"keys": [{"name": "ci", "apiKeyHash": "\(Self.api)", "appKeyHash": "\(Self.app)",
                       "scopes": ["workflows_read"]}]}
            """
        let keyring = try KeysFile.parse(text, file: "keys.json")
        #expect(keyring.keys.map(\.name) == ["ci"])
        #expect(keyring.keys[0].scopes == [.workflowsRead])
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var text: String
        var code: KeysFileError.Code
        var line: Int?
        var field: String?
        var says: String
        var testDescription: String { "\(code) \(field ?? "-")" }
    }

    static let entry = "  - name: ci\n    apiKeyHash: \(api)\n    appKeyHash: \(app)\n"

    static let bad: [Bad] = [
        Bad(text: "", code: .missingField, line: nil, field: "keys", says: "empty"),
        Bad(text: "users: []\n", code: .unknownField, line: 1, field: "users", says: "unknown field"),
        Bad(text: "keys: []\n", code: .invalidValue, line: 1, field: "keys", says: "at least one key"),
        Bad(
            text: "keys:\n  - name: ci\n    scopes: [workflows_read]\n", code: .missingField, line: 2,
            field: "keys[0].apiKeyHash", says: "missing"),
        Bad(
            text: "keys:\n  - name: ci\n    apiKeyHash: my-secret-api-key\n    appKeyHash: \(app)\n"
                + "    scopes: [workflows_read]\n",
            code: .invalidValue, line: 3, field: "keys[0].apiKeyHash", says: "stepwise keys hash"),
        Bad(
            text: "keys:\n" + entry + "    scopes: [workflows_read, workflows_admin]\n", code: .invalidValue, line: 5,
            field: "keys[0].scopes[1]", says: "\"workflows_admin\" is not a scope"),
        Bad(
            text: "keys:\n" + entry + "    scopes: []\n", code: .invalidValue, line: 5, field: "keys[0].scopes",
            says: "at least one scope"),
        Bad(
            text: "keys:\n" + entry + "    scopes: [workflows_read]\n    expires: never\n", code: .unknownField,
            line: 6, field: "keys[0].expires", says: "unknown field"),
        Bad(
            text: "keys:\n" + entry + "    scopes: [workflows_read]\n" + entry + "    scopes: [workflows_run]\n",
            code: .duplicate, line: 6, field: "keys[1].name", says: "used twice"),
        Bad(text: "keys:\n  - name: [ci\n", code: .malformed, line: nil, field: nil, says: "malformed"),
        Bad(
            text:
                "keys:\n  - name: \"\"\n    apiKeyHash: \(api)\n    appKeyHash: \(app)\n    scopes: [workflows_run]\n",
            code: .invalidValue, line: 2, field: "keys[0].name", says: "1 to 100 characters"),
    ]

    @Test("a bad file is refused with its line, field and a reason", arguments: 0..<bad.count)
    func refused(index: Int) {
        let bad = Self.bad[index]
        let error = #expect(throws: KeysFileError.self) { _ = try KeysFile.parse(bad.text, file: "keys.yaml") }
        guard let error else { return }
        #expect(error.code == bad.code, "\(error)")
        if let line = bad.line { #expect(error.line == line, "\(error)") }
        #expect(error.field == bad.field, "\(error)")
        #expect(error.description.contains(bad.says), "\(error)")
        #expect(error.description.hasPrefix("keys.yaml"), "\(error)")
        #expect(!error.description.contains("my-secret-api-key"), "the key is repeated: \(error)")
    }

    @Test("a missing file says so")
    func missingFile() {
        #expect(throws: KeysFileError.self) { _ = try KeysFile.load(path: "/nonexistent/keys.yaml") }
    }
}
