import Foundation
import WorkflowModel

/// The inputs of one `com.datadoghq.script.runShellScript` step, checked.
struct ShellRequest: Sendable {
    var script: String
    var environment: [String: String]
    var workingDirectory: String?
    var timeout: Duration
    var noFailOnError: Bool
    /// The script's positional parameters (`$1`, …).
    var arguments: [String] = []
    var stripTrailingNewline = true

    init(inputs: [String: JSONValue], defaultTimeout: Duration) throws(ActionError) {
        guard let script = inputs["script"]?.stringValue, !script.isEmpty else {
            throw ActionError(.invalidInput, "input \"script\" is required and must be a non-empty string")
        }
        self.script = script
        environment = [:]
        if let env = inputs["env"], !env.isNull {
            guard let members = env.objectValue else {
                throw ActionError(.invalidInput, "input \"env\" must be an object of strings, got \(env.typeName)")
            }
            for (name, value) in members {
                guard !name.isEmpty, !name.contains("="), !name.contains("\0") else {
                    throw ActionError(.invalidInput, "input \"env\" has an invalid variable name \"\(name)\"")
                }
                switch value {
                case .string(let text): environment[name] = text
                case .number(let number): environment[name] = JSONValue.format(number: number)
                case .bool(let flag): environment[name] = flag ? "true" : "false"
                default:
                    throw ActionError(.invalidInput, "input \"env.\(name)\" must be a string, got \(value.typeName)")
                }
            }
        }
        if let directory = inputs["workingDirectory"], !directory.isNull {
            guard let path = directory.stringValue, !path.isEmpty else {
                throw ActionError(.invalidInput, "input \"workingDirectory\" must be a non-empty string")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ActionError(.invalidInput, "input \"workingDirectory\" is not a directory: \(path)")
            }
            workingDirectory = path
        }
        timeout = defaultTimeout
        if let value = inputs["timeout"], !value.isNull {
            let seconds = value.numberValue ?? value.stringValue.flatMap { Double($0) }
            guard let seconds, seconds > 0, seconds < 86_400 * 365 else {
                throw ActionError(.invalidInput, "input \"timeout\" must be a positive number of seconds")
            }
            timeout = .milliseconds(Int64(seconds * 1000))
        }
        noFailOnError = try Self.flag("noFailOnError", in: inputs)
        stripTrailingNewline = !(try Self.flag("noStripTrailingNewline", in: inputs))
        if let args = inputs["args"], !args.isNull {
            guard let items = args.arrayValue else {
                throw ActionError(.invalidInput, "input \"args\" must be a list of strings, got \(args.typeName)")
            }
            for (index, item) in items.enumerated() {
                switch item {
                case .string(let text): arguments.append(text)
                case .number(let number): arguments.append(JSONValue.format(number: number))
                case .bool(let flag): arguments.append(flag ? "true" : "false")
                default:
                    throw ActionError(.invalidInput, "input \"args[\(index)]\" must be a string, got \(item.typeName)")
                }
            }
        }
    }

    /// A Boolean input, `false` when absent.
    static func flag(_ name: String, in inputs: [String: JSONValue]) throws(ActionError) -> Bool {
        switch inputs[name] {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?:
            throw ActionError(.invalidInput, "input \"\(name)\" must be a boolean, got \(other.typeName)")
        }
    }
}
