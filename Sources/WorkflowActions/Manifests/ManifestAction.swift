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
    /// Signs requests of manifests whose auth scheme is `aws-sigv4` (the AWS support provides it); nil: such
    /// steps fail with `UNSUPPORTED`.
    public let signer: (any ManifestRequestSigner)?

    public init(
        manifest: ActionManifest, http: HTTPAction = HTTPAction(), shell: ShellAction = ShellAction(),
        signer: (any ManifestRequestSigner)? = nil
    ) {
        self.manifest = manifest
        self.http = http
        self.shell = shell
        self.signer = signer
    }

    /// Runs the implementation once.
    /// - Throws: ``ActionError`` `.invalidInput` for an input the manifest does not accept; otherwise whatever
    ///   the HTTP or shell action throws.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let inputs = try manifest.effectiveInputs(invocation.inputs)
        let credentials = invocation.connection?.credentials ?? [:]
        var roots: [String: JSONValue] = [
            "Inputs": .object(inputs), "Credentials": .object(credentials.mapValues { .string($0) }),
        ]
        if let lookup = manifest.lookup {
            var request = invocation
            request.actionId = ActionRegistry.SystemActionID.httpRequest
            request.inputs = try authenticated(Self.httpInputs(lookup.http, roots), invocation.connection)
            roots["Lookup"] = try lookup.value(from: try await http.run(request).outputs, roots: roots)
        }
        var inner = invocation
        let result: JSONValue
        switch manifest.implementation {
        case .http(let template):
            inner.actionId = ActionRegistry.SystemActionID.httpRequest
            inner.inputs = try authenticated(Self.httpInputs(template, roots), invocation.connection)
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
        var outputRoots = roots
        outputRoots["Result"] = result
        if let condition = manifest.errorIf, ManifestTemplate.lookup(condition.path, outputRoots) == condition.equals {
            let message = ManifestTemplate.render(.string(condition.message), outputRoots).stringValue ?? ""
            throw ActionError(.failed, invocation.connection?.scrub(message) ?? message)
        }
        let outputs = outputs(from: result, roots: outputRoots)
        return ActionResult(outputs: invocation.connection?.scrub(outputs) ?? outputs)
    }

    private func outputs(from result: JSONValue, roots: [String: JSONValue]) -> JSONValue {
        if manifest.outputsAreEmpty { return .emptyObject }
        let mapped = manifest.outputs.filter { $0.value != nil }
        guard !mapped.isEmpty else { return result }
        var outputs: [String: JSONValue] = [:]
        for output in mapped {
            if let value = output.value { outputs[output.name] = ManifestTemplate.render(value, roots) }
        }
        return .object(outputs)
    }

    /// The manifest's `http` object as `com.datadoghq.http.request` inputs (`headers` → `requestHeaders`;
    /// `baseUrl` is kept for ``authenticated(_:_:)``).
    static func httpInputs(_ template: JSONValue, _ roots: [String: JSONValue]) -> [String: JSONValue] {
        var inputs: [String: JSONValue] = [:]
        for (name, value) in template.objectValue ?? [:] {
            let rendered = ManifestTemplate.render(value, roots, escaping: name == "url" ? .urlPath : .none)
            inputs[name == "headers" ? "requestHeaders" : name] = rendered
        }
        return inputs
    }

    /// The request with the manifest's auth headers added (they override the template's), and a relative
    /// `url` put on the manifest's `baseUrl` when the step has no connection to resolve it.
    private func authenticated(
        _ request: [String: JSONValue], _ connection: ResolvedConnection?
    ) throws(ActionError) -> [String: JSONValue] {
        var inputs = request
        let base = inputs.removeValue(forKey: "baseUrl")?.stringValue
        if connection == nil, let base, let url = inputs["url"]?.stringValue, !url.contains("://") {
            inputs["url"] = .string(base.hasSuffix("/") || url.hasPrefix("/") ? base + url : base + "/" + url)
        }
        guard let auth = manifest.auth else { return inputs }
        if case .awsSigV4(let service) = auth.scheme {
            guard let signer else {
                throw ActionError(
                    .unsupported, "\(manifest.actionId) uses the aws-sigv4 auth scheme, which this build cannot sign")
            }
            return try signer.sign(inputs, service: service, credentials: connection?.credentials ?? [:])
        }
        let added = try auth.headers(connection?.credentials ?? [:], actionId: manifest.actionId)
        var headers: [JSONValue] = []
        for (name, value) in (inputs["requestHeaders"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key })
        where !added.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            headers.append(["key": .string(name), "value": [value]])
        }
        headers += added.map { ["key": .string($0.name), "value": [.string($0.value)]] }
        inputs["requestHeaders"] = .array(headers)
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
