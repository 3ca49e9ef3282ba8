import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The private action runner's script bundle in workflow runs: predefined scripts from a `script-credentials-v1`
/// file named by a runner credential file, run as real child processes.
@Suite("Script bundle")
struct ScriptBundleTests {
    /// A directory with the scripts' YAML file and the Token Auth credential file that names it.
    private struct Credentials {
        let directory: URL
        var tokenFile: String { directory.appendingPathComponent("script.json").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let yaml = directory.appendingPathComponent("scripts.yaml")
            try """
            schemaId: script-credentials-v1
            runPredefinedScript:
              echo-parametrized:
                command: ["echo", "{{ parameters.echoValue }}", "n={{ parameters.count }}"]
                parameterSchema:
                  type: object
                  required: [echoValue]
                  properties:
                    echoValue: {type: string, pattern: "^[a-z ;/-]+$"}
                    count: {type: integer, enum: [1, 2, 3]}
              show-env:
                command: ["/bin/sh", "-c", "echo \\"${STEPWISE_SCRIPT_ALLOWED:-unset} ${STEPWISE_SCRIPT_HIDDEN:-unset}\\""]
                allowedEnvVars: [STEPWISE_SCRIPT_ALLOWED]
              failing:
                command: ["/bin/sh", "-c", "echo partial; echo 'disk full' >&2; exit 4"]
              slow:
                command: ["sleep", "5"]
              noisy:
                command: ["head", "-c", "3000", "/dev/zero"]
            """.write(to: yaml, atomically: true, encoding: .utf8)
            let token: JSONValue = [
                "auth_type": "Token Auth",
                "credentials": [["tokenName": "configFileLocation", "tokenValue": .string(yaml.path)]],
            ]
            try token.compactJSON.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        }

        var connections: JSONValue { ["connections": ["scripts": ["credentials": .string(tokenFile)]]] }
    }

    private static let run = ActionRegistry.SystemActionID.runPredefinedScript

    // The two variables come from scripts/test's environment: setting them here (setenv) while other tests spawn
    // processes races with Foundation's copy of the environment and crashes the test process.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STEPWISE_SCRIPT_ALLOWED"] == "passed"))
    func runsThePredefinedArgvWithNoShellAndListsTheScripts() async throws {
        let credentials = try Credentials()
        defer { try? FileManager.default.removeItem(at: credentials.directory) }
        let steps = [
            WorkflowRun.step(
                "Echo", Self.run,
                ["scriptName": "echo-parametrized", "parameters": ["echoValue": "a; rm -rf /", "count": 2]],
                next: "Env", connection: "scripts"),
            WorkflowRun.step(
                "Env", Self.run, ["scriptName": "show-env", "noStripTrailingNewline": true], next: "List",
                connection: "scripts"),
            WorkflowRun.step(
                "List", ActionRegistry.SystemActionID.enrichScript, ["search": "ECHO"], next: "Test",
                connection: "scripts"),
            WorkflowRun.step("Test", ActionRegistry.SystemActionID.scriptTestConnection, [:], connection: "scripts"),
        ]
        let summary = try await WorkflowRun.run(steps, connections: credentials.connections)
        #expect(summary.status == .succeeded, "\(summary.steps.compactMap(\.error?.message))")
        let echo = summary.step("Echo")?.outputs
        #expect(echo?["stdout"] == "a; rm -rf / n=2")
        #expect(echo?["executedCommand"] == "echo a; rm -rf / n=2")
        #expect(echo?["exitCode"] == 0)
        #expect(summary.step("Env")?.outputs?["stdout"] == "passed unset\n")
        #expect(
            summary.step("List")?.outputs
                == [
                    "options": [
                        [
                            "label": "echo-parametrized", "value": "echo-parametrized",
                            "description": "echo {{ parameters.echoValue }} n={{ parameters.count }}",
                        ]
                    ],
                    "placeholder": "Select a script",
                ])
        #expect(summary.step("Test")?.outputs == .emptyObject)
    }

    @Test func aFailingScriptFailsTheStepAsTheRunnerWordsIt() async throws {
        let credentials = try Credentials()
        defer { try? FileManager.default.removeItem(at: credentials.directory) }
        let steps = [
            WorkflowRun.step(
                "Tolerant", Self.run, ["scriptName": "failing", "noFailOnError": true], next: "Fail",
                connection: "scripts"),
            WorkflowRun.step("Fail", Self.run, ["scriptName": "failing"], connection: "scripts"),
        ]
        let summary = try await WorkflowRun.run(steps, connections: credentials.connections)
        #expect(summary.step("Tolerant")?.outputs?["exitCode"] == 4)
        #expect(summary.step("Tolerant")?.outputs?["stdout"] == "partial")
        #expect(summary.step("Fail")?.error?.code == "FAILED")
        #expect(summary.step("Fail")?.error?.message == "failed to execute command: exit status 4, stderr disk full")
        #expect(summary.status == .stepError)
    }

    private static let refusals: [([String: JSONValue], String, String)] = [
        (["scriptName": "missing"], "INVALID_INPUT", "script missing not found"),
        (
            ["scriptName": "echo-parametrized", "parameters": ["count": 2]], "INVALID_INPUT",
            "script echo-parametrized: parameters do not match its parameterSchema: parameters.echoValue: is required"
        ),
        (
            ["scriptName": "echo-parametrized", "parameters": ["echoValue": "$(id)"]], "INVALID_INPUT",
            #"script echo-parametrized: parameters do not match its parameterSchema: parameters.echoValue: "$(id)" does not match the pattern "^[a-z ;/-]+$""#
        ),
        (
            ["scriptName": "echo-parametrized", "parameters": ["echoValue": "a", "count": 7]], "INVALID_INPUT",
            "script echo-parametrized: parameters do not match its parameterSchema: parameters.count: must be one of [1,2,3]"
        ),
        (["scriptName": "slow", "timeout": 1], "TIMED_OUT", "script execution timed out after 1 seconds"),
    ]

    @Test(arguments: 0..<5)
    func refusalsNameTheProblem(index: Int) async throws {
        let (parameters, code, message) = Self.refusals[index]
        let credentials = try Credentials()
        defer { try? FileManager.default.removeItem(at: credentials.directory) }
        let summary = try await WorkflowRun.run(
            [WorkflowRun.step("Script", Self.run, parameters, connection: "scripts")],
            connections: credentials.connections)
        #expect(summary.step("Script")?.error?.code == code)
        #expect(summary.step("Script")?.error?.message == message)
    }

    @Test func outputOverTheLimitFailsTheStep() async throws {
        let credentials = try Credentials()
        defer { try? FileManager.default.removeItem(at: credentials.directory) }
        let action = PredefinedScriptAction(outputLimit: 2048)
        let connection = ResolvedConnection(
            name: "scripts", baseURL: "",
            credentials: ["configFileLocation": credentials.directory.appendingPathComponent("scripts.yaml").path])
        let invocation = ActionInvocation(
            stepName: "Noisy", actionId: Self.run, inputs: ["scriptName": "noisy"], connection: connection)
        await #expect(throws: ActionError(.failed, "script output exceeded 2048 bytes limit")) {
            try await action.run(invocation)
        }
    }

    @Test func runShellScriptPassesArgsAndCanKeepTheTrailingNewline() async throws {
        let steps = [
            WorkflowRun.step(
                "Shell", ActionRegistry.SystemActionID.runShellScript,
                ["script": "printf '%s|' \"$@\"; echo", "args": ["a b", "$HOME", 3], "noStripTrailingNewline": true],
                next: "Bad"),
            WorkflowRun.step("Bad", ActionRegistry.SystemActionID.runShellScript, ["script": "true", "args": [["x"]]]),
        ]
        let summary = try await WorkflowRun.run(steps)
        #expect(summary.step("Shell")?.outputs?["stdout"] == "a b|$HOME|3|\n")
        #expect(summary.step("Bad")?.error?.code == "INVALID_INPUT")
        #expect(summary.step("Bad")?.error?.message == #"input "args[0]" must be a string, got array"#)
    }
}
