import Foundation
import WorkflowModel

/// An action implemented by an ``ActionManifest``: the step's inputs (defaults added, types checked) fill the
/// manifest's HTTP request template or shell script, which runs through ``HTTPAction`` or ``ShellAction``
/// (with the step's connection); the declared outputs are then read from the result.
public struct ManifestAction: Action {
    /// The manifest this action carries out.
    public let manifest: ActionManifest
    private let http: HTTPAction
    private let shell: ShellAction

    public init(manifest: ActionManifest, http: HTTPAction = HTTPAction(), shell: ShellAction = ShellAction()) {
        self.manifest = manifest
        self.http = http
        self.shell = shell
    }

    /// Runs the implementation once.
    /// - Throws: ``ActionError`` `.invalidInput` for an input the manifest does not accept; otherwise whatever
    ///   the HTTP or shell action throws.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let inputs = try manifest.effectiveInputs(invocation.inputs)
        let roots: [String: JSONValue] = ["Inputs": .object(inputs)]
        var inner = invocation
        let result: JSONValue
        switch manifest.implementation {
        case .http(let template):
            inner.actionId = ActionRegistry.SystemActionID.httpRequest
            inner.inputs = Self.httpInputs(template, roots)
            result = try await http.run(inner).outputs
        case .shell(let template):
            inner.actionId = ActionRegistry.SystemActionID.runShellScript
            inner.inputs = Self.shellInputs(template, roots, inputs: inputs)
            var outputs = try await shell.run(inner).outputs
            if let stdout = outputs["stdout"]?.stringValue, let parsed = try? JSONValue.parse(Data(stdout.utf8)) {
                outputs = .object((outputs.objectValue ?? [:]).merging(["json": parsed]) { $1 })
            }
            result = outputs
        }
        return ActionResult(outputs: outputs(from: result, inputs: inputs))
    }

    private func outputs(from result: JSONValue, inputs: [String: JSONValue]) -> JSONValue {
        let mapped = manifest.outputs.filter { $0.value != nil }
        guard !mapped.isEmpty else { return result }
        let roots: [String: JSONValue] = ["Inputs": .object(inputs), "Result": result]
        var outputs: [String: JSONValue] = [:]
        for output in mapped {
            if let value = output.value { outputs[output.name] = ManifestTemplate.render(value, roots) }
        }
        return .object(outputs)
    }

    /// The manifest's `http` object as `com.datadoghq.http.request` inputs (`headers` → `requestHeaders`).
    static func httpInputs(_ template: JSONValue, _ roots: [String: JSONValue]) -> [String: JSONValue] {
        var inputs: [String: JSONValue] = [:]
        for (name, value) in template.objectValue ?? [:] {
            let rendered = ManifestTemplate.render(value, roots, escaping: name == "url" ? .urlPath : .none)
            inputs[name == "headers" ? "requestHeaders" : name] = rendered
        }
        return inputs
    }

    /// The manifest's `shell` object as `com.datadoghq.script.runShellScript` inputs: the script as written,
    /// every input exported as `INPUT_<NAME>` (strings as they are, other values as JSON), then `env`
    /// (templated) on top.
    static func shellInputs(
        _ template: JSONValue, _ roots: [String: JSONValue], inputs: [String: JSONValue]
    ) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        var environment: [String: JSONValue] = [:]
        for (name, value) in inputs where !value.isNull {
            environment[environmentName(name)] = .string(value.stringValue ?? value.compactJSON)
        }
        for (name, value) in template.objectValue ?? [:] {
            switch name {
            case "script":
                result[name] = value
            case "env":
                for (key, entry) in ManifestTemplate.render(value, roots).objectValue ?? [:] {
                    environment[key] = .string(entry.stringValue ?? entry.compactJSON)
                }
            default:
                result[name] = ManifestTemplate.render(value, roots)
            }
        }
        result["env"] = .object(environment)
        return result
    }

    /// `INPUT_` and the name upper-cased, other characters than letters and digits as `_`.
    public static func environmentName(_ input: String) -> String {
        "INPUT_" + String(input.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
