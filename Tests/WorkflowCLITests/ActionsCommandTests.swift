import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Where action manifests are found (`--actions`, the workflow's folder, the user's configuration, the bundled
/// ones), `stepwise actions list`, and `--version`.
@Suite("stepwise actions: the manifest search path")
struct ActionsCommandTests {
    /// A shell manifest for `com.example.greet` whose output `who` says where it was found.
    static func writeManifest(in folder: URL, who: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let manifest: JSONValue = [
            "actionId": "com.example.greet",
            "outputs": [["name": "who", "type": "string", "value": "{{ Result.json.who }}"]],
            "shell": ["script": .string("echo '{\"who\": \"\(who)\"}'"), "timeout": 5],
        ]
        try manifest.jsonData(pretty: true).write(to: folder.appendingPathComponent("com.example.greet.json"))
    }

    /// `<root>/project/workflow.json` (using `com.example.greet`) and an empty `<root>/elsewhere` to run from.
    static func project() throws -> (root: URL, workflow: URL, elsewhere: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-actions-\(UUID())")
        let project = root.appendingPathComponent("project")
        let elsewhere = root.appendingPathComponent("elsewhere")
        for folder in [project, elsewhere] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let spec: JSONValue = [
            "triggers": [["workflowTrigger": [:], "startStepNames": ["Greet"]]],
            "steps": [["name": "Greet", "actionId": "com.example.greet"]],
            "outputSchema": ["parameters": [["name": "who", "type": "STRING", "value": "{{ Steps.Greet.who }}"]]],
        ]
        let workflow = project.appendingPathComponent("workflow.json")
        try spec.jsonData(pretty: true).write(to: workflow)
        return (root, workflow, elsewhere)
    }

    static func who(_ result: StepwiseProcess) throws -> String? {
        try JSONValue.parse(result.stdout)["who"]?.stringValue
    }

    @Test("a manifest next to the workflow is found from another directory; --actions comes first")
    func workflowFolder() async throws {
        let (root, workflow, elsewhere) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = ["XDG_CONFIG_HOME": root.appendingPathComponent("config").path]
        let none = try await StepwiseProcess.run(
            ["run", "--in-memory", workflow.path], environment: environment, in: elsewhere)
        #expect(none.status == 2)
        #expect(none.stderr.contains(#"uses action "com.example.greet", which is not available here"#))

        try Self.writeManifest(in: root.appendingPathComponent("config/stepwise/actions"), who: "user")
        let user = try await StepwiseProcess.run(
            ["run", "--in-memory", workflow.path], environment: environment, in: elsewhere)
        #expect(user.status == 0, "\(user.stderr)")
        #expect(try Self.who(user) == "user")

        try Self.writeManifest(in: workflow.deletingLastPathComponent().appendingPathComponent("actions"), who: "next")
        let next = try await StepwiseProcess.run(
            ["run", "--in-memory", workflow.path], environment: environment, in: elsewhere)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.who(next) == "next")

        let explicitFolder = root.appendingPathComponent("explicit")
        try Self.writeManifest(in: explicitFolder, who: "option")
        let explicit = try await StepwiseProcess.run(
            ["run", "--in-memory", workflow.path, "--actions", explicitFolder.path], environment: environment,
            in: elsewhere)
        #expect(explicit.status == 0, "\(explicit.stderr)")
        #expect(try Self.who(explicit) == "option")
    }

    @Test("actions list: built-in ids, bundled manifests and the workflow's, with where each comes from")
    func list() async throws {
        let (root, workflow, elsewhere) = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.writeManifest(in: workflow.deletingLastPathComponent().appendingPathComponent("actions"), who: "next")
        let result = try await StepwiseProcess.run(
            ["actions", "list", "--workflow", workflow.path, "--json"],
            environment: ["XDG_CONFIG_HOME": root.appendingPathComponent("config").path], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONValue.parse(result.stdout).arrayValue)
        func source(_ id: String) -> String? {
            rows.first { $0["actionId"]?.stringValue == id }?["source"]?.stringValue
        }
        #expect(source("com.datadoghq.core.noop") == "built-in")
        #expect(source("com.datadoghq.http.request") == "built-in")
        #expect(source("com.stepwise.system.diskUsage") == "manifest (bundled)")
        #expect(source("com.example.greet") == "manifest (next to the workflow)")
        let text = try await StepwiseProcess.run(["actions", "list"], in: elsewhere)
        #expect(text.status == 0)
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix("com.datadoghq.core.noop ") })
    }

    @Test("--version prints the version")
    func version() async throws {
        let result = try await StepwiseProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: ".").count == 3)
        #expect(result.stdout.hasSuffix("\n"))
    }
}
