import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Every `stepwise` command in the code blocks of README.md and docs/*.md runs as written, with the exit status
/// it documents: through `/bin/sh` (so `samples/*.json` is a glob, as in a user's shell), in a fresh directory
/// holding a copy of `samples/` and the files the commands name (`workflow.json`, `inputs.json`, …).
///
/// How "as written" is read: `[--option value]` runs with the option; `a|b|c` runs `a`; the placeholders `ID`
/// (the newest instance), `WID` (its workflow), `PATH` (the database) and `OUT` (an output file) are filled in.
/// Skipped, because they need a server or the network, or run until stopped: `stepwise serve`,
/// `stepwise instances watch`, `stepwise worker`.
@Suite("Documented commands")
struct DocumentedCommandTests {
    /// Commands that need a server or the network (a command is skipped when it starts with one of these).
    static let needsServer = ["stepwise serve", "stepwise instances watch", "stepwise worker"]

    /// Commands documented to exit with something other than 0.
    static let exitStatus = ["stepwise validate --json samples/invalid/cycle.json": Int32(1)]

    static let documents: [URL] = {
        let docs = TestSupport.repositoryRoot.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return [TestSupport.repositoryRoot.appendingPathComponent("README.md")]
            + names.filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
    }()

    /// The `stepwise …` commands of the fenced code blocks of `text`, comments removed, continuation lines
    /// joined, `swift run stepwise` read as `stepwise`.
    static func commands(in text: String) -> [String] {
        var commands: [String] = []
        var inBlock = false
        var pending = ""
        for rawLine in text.components(separatedBy: "\n") {
            if rawLine.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            var line = rawLine
            if let comment = line.range(of: " #") { line = String(line[..<comment.lowerBound]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            line = pending + line
            pending = ""
            for part in line.components(separatedBy: "&&") {
                var command = part.trimmingCharacters(in: .whitespaces)
                if command.hasPrefix("swift run stepwise ") { command = String(command.dropFirst("swift run ".count)) }
                if command.hasPrefix("stepwise ") { commands.append(command) }
            }
        }
        return commands
    }

    /// `command` as the shell runs it: optional parts in, first alternatives, placeholders filled in.
    static func runnable(_ command: String, placeholders: [String: String]) -> String {
        command.split(separator: " ", omittingEmptySubsequences: true).map { word -> String in
            var token = String(word)
            if token.hasPrefix("[") { token.removeFirst() }
            if token.hasSuffix("]") { token.removeLast() }
            if token.contains("|"), !token.contains("'"), !token.contains("\"") {
                token = String(token.split(separator: "|").first ?? "")
            }
            return placeholders[token] ?? token
        }.joined(separator: " ")
    }

    /// A directory with `samples/` and the files the documented commands name.
    static func workspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-docs-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestSupport.samplesDirectory, to: directory.appendingPathComponent("samples"))
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("my-actions"), withIntermediateDirectories: true)
        let files: [String: String] = [
            "workflow.json": #"""
            {"triggers": [{"apiTrigger": {}, "startStepNames": ["Start"]},
                          {"monitorTrigger": {}, "startStepNames": ["Start"]}],
             "inputSchema": {"parameters": [{"name": "service", "type": "STRING", "defaultValue": "web"}]},
             "outputSchema": {"parameters": [{"name": "said", "type": "STRING", "value": "{{ Steps.Start.value }}"}]},
             "steps": [{"name": "Start", "actionId": "com.datadoghq.core.echo",
                        "parameters": [{"name": "value", "value": "{{ Trigger.service }}"}],
                        "outboundEdges": [{"nextStepName": "Done", "branchName": "main"}]},
                       {"name": "Done", "actionId": "com.datadoghq.core.noop"}]}
            """#,
            "workflow.yaml": """
            triggers:
              - apiTrigger: {}
                startStepNames: [Start]
            steps:
              - name: Start
                actionId: com.datadoghq.core.noop
            """,
            "inputs.json": #"{"service": "api"}"#,
            "alert.json": #"{"monitor": {"name": "CPU high", "status": "Alert"}}"#,
            "conns.yaml": "connections: {}\n",
            "mocks.json": #"{"steps": {}, "actions": {}}"#,
            "child.json": #"""
            {"triggers": [{"workflowTrigger": {}, "startStepNames": ["Echo"]}],
             "inputSchema": {"parameters": [{"name": "word", "type": "STRING"}]},
             "outputSchema": {"parameters": [{"name": "echoed", "type": "STRING", "value": "{{ Steps.Echo.value }}"}]},
             "steps": [{"name": "Echo", "actionId": "com.datadoghq.core.echo",
                        "parameters": [{"name": "value", "value": "{{ Trigger.word }}!"}]}]}
            """#,
            "parent.json": #"""
            {"triggers": [{"workflowTrigger": {}, "startStepNames": ["Call"]}],
             "steps": [{"name": "Call", "actionId": "com.datadoghq.dd.workflow_automation.triggerWorkflow",
                        "parameters": [{"name": "workflowId", "value": "6f1c1f5e-8d5e-4c56-9a43-0b3cfe3b6a01"},
                                       {"name": "workflowInputs", "value": {"word": "hi"}}]}]}
            """#,
        ]
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        // `--credentials creds/`: a runner credential directory, one file per connection.
        let credentials = directory.appendingPathComponent("creds")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        try Data(#"{"auth_type": "Token Auth", "credentials": [{"tokenName": "token", "tokenValue": "t"}]}"#.utf8)
            .write(to: credentials.appendingPathComponent("github.json"))
        return directory
    }

    @Test("the documents hold the commands this test knows about")
    func found() throws {
        let all = try Self.documents.flatMap { Self.commands(in: try String(contentsOf: $0, encoding: .utf8)) }
        #expect(all.contains("stepwise validate samples/*.json"))
        #expect(all.contains("stepwise run samples/error-handler-fallback.json"))
        #expect(all.count > 25)
    }

    @Test("every command runs as written and exits as documented")
    func everyCommand() async throws {
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path =
            StepwiseProcess.binary.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = ["PATH": path, "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path]
        var skipped: [String] = []
        var ran = 0
        for document in Self.documents {
            for command in Self.commands(in: try String(contentsOf: document, encoding: .utf8)) {
                if Self.needsServer.contains(where: command.hasPrefix) {
                    skipped.append(command)
                    continue
                }
                var placeholders = ["PATH": "stepwise.db", "OUT": "graph.out"]
                if command.contains(" ID") || command.contains("WID") {
                    let newest = try await Self.newestInstance(in: directory, environment: environment)
                    placeholders["ID"] = newest.id
                    placeholders["WID"] = newest.workflowId
                }
                let line = Self.runnable(command, placeholders: placeholders)
                let result = try await StepwiseProcess.run(
                    ["-c", line], environment: environment, in: directory, executable: URL(fileURLWithPath: "/bin/sh"))
                let expected = Self.exitStatus[command] ?? 0
                #expect(
                    result.status == expected,
                    "\(document.lastPathComponent): `\(line)` exited \(result.status), not \(expected): \(result.stderr)"
                )
                ran += 1
            }
        }
        #expect(ran > 25)
        #expect(skipped.allSatisfy { command in Self.needsServer.contains { command.hasPrefix($0) } })
    }

    /// The id and workflow id of the newest instance in `directory`'s `stepwise.db`.
    static func newestInstance(
        in directory: URL, environment: [String: String]
    ) async throws -> (
        id: String, workflowId: String
    ) {
        let list = try await StepwiseProcess.run(
            ["instances", "list", "--json", "--page-size", "1"], environment: environment, in: directory)
        let first = try JSONValue.parse(list.stdout)["data"]?.arrayValue?.first
        let id = try #require(first?["id"]?.stringValue, "no instance yet: \(list.stdout) \(list.stderr)")
        // `instances get` starts with `<id>  <status>  workflow <workflow id>`.
        let get = try await StepwiseProcess.run(["instances", "get", id], environment: environment, in: directory)
        let firstLine = get.stdout.split(separator: "\n").first ?? ""
        let workflowId = try #require(firstLine.split(separator: " ").last.map(String.init))
        return (id, workflowId)
    }
}
