import Foundation
import WorkflowModel

/// A JSON or YAML file named on the command line (a workflow, `--inputs`, `--source`, `--connections`,
/// `--mocks`): YAML when the name ends in `.yaml`/`.yml`, JSON otherwise.
enum StructuredFile {
    /// Whether `path` names a YAML file, by its extension.
    static func isYAML(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// The file's content as JSON.
    /// - Throws: ``FileProblem`` when the file cannot be read or is not well-formed.
    static func load(_ path: String) throws(FileProblem) -> JSONValue {
        let data = try read(path)
        if isYAML(path) {
            guard let text = String(data: data, encoding: .utf8) else {
                throw FileProblem(code: .malformed, file: path, message: "malformed YAML: not UTF-8")
            }
            do {
                return try JSONValue(yaml: text)
            } catch {
                throw FileProblem(file: path, yaml: error)
            }
        }
        do {
            return try JSONValue.parse(data)
        } catch let error as JSONSyntaxError {
            throw FileProblem(file: path, json: error)
        } catch {
            throw FileProblem(code: .malformed, file: path, message: "\(error)")
        }
    }

    /// The file's bytes.
    /// - Throws: ``FileProblem`` (`unreadable`) naming why: no such file, a directory, no permission.
    static func read(_ path: String) throws(FileProblem) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileProblem(code: .unreadable, file: path, message: "no such file")
        }
        if isDirectory.boolValue { throw FileProblem(code: .unreadable, file: path, message: "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path)
        else {
            throw FileProblem(code: .unreadable, file: path, message: "cannot be read (permission denied)")
        }
        return data
    }
}
