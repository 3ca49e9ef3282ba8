import Foundation
import WorkflowModel

/// `com.datadoghq.script.runPredefinedScript`: runs a script the step's connection allows, as the private action
/// runner does.
///
/// The connection's `configFileLocation` credential names a `script-credentials-v1` YAML file
/// (``ScriptCredentials``). Inputs: `scriptName` (required), `parameters` (checked against the script's
/// `parameterSchema`), `timeout` (seconds), `noFailOnError`, `noStripTrailingNewline`. Each element of the script's
/// `command` has its `{{ parameters.x }}` templates replaced, then the argv runs with no shell, in the minimal
/// environment of ``ShellAction`` plus the script's `allowedEnvVars` taken from Stepwise's own environment.
/// Outputs: `{executedCommand, exitCode, stdout, stderr, durationMillis}`.
public struct PredefinedScriptAction: Action {
    /// The runner's limit on stdout and stderr together.
    public static let defaultOutputLimit = 10 * 1024 * 1024

    private let shell: ShellAction
    private let defaultTimeout: Duration
    private let outputLimit: Int

    /// - Parameters:
    ///   - configuration: time limits and process teardown (its `maxOutputBytes` is not used).
    ///   - outputLimit: bytes of stdout and stderr together beyond which the step fails (10 MB).
    public init(
        configuration: ShellAction.Configuration = .init(), outputLimit: Int = Self.defaultOutputLimit
    ) {
        shell = ShellAction(configuration: configuration)
        defaultTimeout = configuration.defaultTimeout
        self.outputLimit = outputLimit
    }

    /// Runs the named script.
    /// - Throws: ``ActionError`` `.invalidInput` ("script NAME not found", parameters that break the schema, a
    ///   missing or malformed credential file); `.failed` ("failed to execute command: exit status N, stderr …",
    ///   "script output exceeded 10MB limit"); `.timedOut` ("script execution timed out after N seconds").
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let credentials = try ScriptCredentials(connection: invocation.connection, actionId: invocation.actionId)
        let inputs = invocation.inputs
        guard let name = inputs["scriptName"]?.stringValue, !name.isEmpty else {
            throw ActionError(.invalidInput, "input \"scriptName\" is required and must be a non-empty string")
        }
        guard let script = credentials.scripts[name] else {
            throw ActionError(.invalidInput, "script \(name) not found")
        }
        let parameters = inputs["parameters"] ?? .null
        if let schema = script.parameterSchema, let problem = ParameterSchema(schema: schema).problem(with: parameters)
        {
            throw ActionError(.invalidInput, "script \(name): parameters do not match its parameterSchema: \(problem)")
        }
        let argv = try script.command.map { element throws(ActionError) in
            try Self.render(element, parameters: parameters, script: name)
        }
        var timeout = defaultTimeout
        var timeoutMessage: String?
        if let value = inputs["timeout"], !value.isNull {
            guard let seconds = value.numberValue, seconds.rounded() == seconds, seconds >= 0, seconds < 31_536_000
            else { throw ActionError(.invalidInput, "input \"timeout\" must be a whole number of seconds") }
            if seconds > 0 {
                timeout = .seconds(Int64(seconds))
                timeoutMessage = "script execution timed out after \(Int(seconds)) seconds"
            }
        }
        let environment = ProcessInfo.processInfo.environment.filter { script.allowedEnvVars.contains($0.key) }
        let finished = try await shell.execute(
            ProcessCommand(
                executable: argv[0], arguments: Array(argv.dropFirst()), environment: environment,
                timeout: timeout, outputLimit: outputLimit + 1, timeoutMessage: timeoutMessage),
            what: "script \(name)", processStarted: invocation.processStarted)
        let outcome = finished.outcome
        guard outcome.stdout.bytes.count + outcome.stderr.bytes.count <= outputLimit else {
            let limit = outputLimit % (1 << 20) == 0 ? "\(outputLimit >> 20)MB" : "\(outputLimit) bytes"
            throw ActionError(.failed, "script output exceeded \(limit) limit")
        }
        let strip = !(try ShellRequest.flag("noStripTrailingNewline", in: inputs))
        if outcome.exitCode != 0, !(try ShellRequest.flag("noFailOnError", in: inputs)) {
            throw ActionError(
                .failed,
                "failed to execute command: \(outcome.statusText), stderr \(outcome.stderr.text(strippingNewline: strip))"
            )
        }
        return try outcome.result(
            script: argv.joined(separator: " "), durationMillis: finished.elapsed / .milliseconds(1),
            noFailOnError: true, stripTrailingNewline: strip)
    }

    /// `element` with each `{{ parameters.path }}` replaced: strings as they are, other values as compact JSON.
    static func render(_ element: String, parameters: JSONValue, script: String) throws(ActionError) -> String {
        var result = ""
        var rest = Substring(element)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard segments.first == "parameters", segments.count > 1 else {
                throw ActionError(
                    .invalidInput, "script \(script): the template {{ \(path) }} must read parameters.<name>")
            }
            var value: JSONValue? = parameters
            for segment in segments.dropFirst() {
                if let index = Int(segment), let items = value?.arrayValue {
                    value = items.indices.contains(index) ? items[index] : nil
                } else {
                    value = value?[segment]
                }
            }
            switch value {
            case .string(let text)?: result += text
            case .number(let number)?: result += JSONValue.format(number: number)
            case .bool(let flag)?: result += flag ? "true" : "false"
            case nil, .null?:
                throw ActionError(.invalidInput, "script \(script): \(path) is not given")
            case let other?: result += other.compactJSON
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
