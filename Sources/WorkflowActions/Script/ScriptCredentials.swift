import Foundation
import WorkflowModel
import Yams

/// The private action runner's `script-credentials-v1` file: the predefined scripts a connection allows.
///
/// ```yaml
/// schemaId: script-credentials-v1
/// runPredefinedScript:
///   echo-parametrized:
///     command: ["echo", "{{ parameters.echoValue }}"]
///     parameterSchema: {type: object, required: [echoValue], properties: {echoValue: {type: string}}}
///     allowedEnvVars: [LANG]
/// ```
struct ScriptCredentials: Sendable {
    /// The credential that names the file.
    static let credentialName = "configFileLocation"
    static let schemaId = "script-credentials-v1"

    /// One predefined script.
    struct Script: Sendable {
        var name: String
        /// argv; each element may hold `{{ parameters.x }}` templates.
        var command: [String]
        var parameterSchema: JSONValue?
        var allowedEnvVars: [String]
    }

    var scripts: [String: Script]

    /// Reads the file the step's connection names in `configFileLocation`.
    init(connection: ResolvedConnection?, actionId: String) throws(ActionError) {
        guard let path = connection?.credentials[Self.credentialName], !path.isEmpty else {
            throw ActionError(
                .invalidInput,
                "\(actionId) needs credential \"\(Self.credentialName)\" (the path of a \(Self.schemaId) YAML file) "
                    + "from the step's connection")
        }
        try self.init(path: path)
    }

    init(path: String) throws(ActionError) {
        func fail(_ message: String) -> ActionError {
            ActionError(.invalidInput, "script credentials \(path): \(message)")
        }
        let document: JSONValue
        do {
            document = try YAMLDecoder().decode(JSONValue.self, from: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw fail("cannot be read as YAML: \(error)")
        }
        guard document["schemaId"]?.stringValue == Self.schemaId else {
            throw fail("\"schemaId\" must be \"\(Self.schemaId)\"")
        }
        var scripts: [String: Script] = [:]
        for (name, entry) in document["runPredefinedScript"]?.objectValue ?? [:] {
            guard let items = entry["command"]?.arrayValue, !items.isEmpty else {
                throw fail("runPredefinedScript.\(name).command must be a non-empty list of strings")
            }
            var command: [String] = []
            for (index, item) in items.enumerated() {
                guard let text = item.stringValue ?? item.numberValue.map(JSONValue.format(number:)) else {
                    throw fail("runPredefinedScript.\(name).command[\(index)] must be a string")
                }
                command.append(text)
            }
            var allowed: [String] = []
            if let list = entry["allowedEnvVars"], !list.isNull {
                guard let names = list.arrayValue?.compactMap(\.stringValue), names.count == list.arrayValue?.count
                else { throw fail("runPredefinedScript.\(name).allowedEnvVars must be a list of strings") }
                allowed = names
            }
            let schema = entry["parameterSchema"].flatMap { $0.isNull ? nil : $0 }
            scripts[name] = Script(name: name, command: command, parameterSchema: schema, allowedEnvVars: allowed)
        }
        self.scripts = scripts
    }
}
