import Foundation
import WorkflowModel

/// A JSON or YAML side file of a run (`--connections`, `--mocks`): YAML when the name ends in `.yaml`/`.yml`.
enum StructuredFile {
    /// The file's content as JSON.
    /// - Throws: ``PreparedRun/Refusal`` naming the file and what it is for.
    static func load(_ path: String, what: String) throws -> JSONValue {
        let lowered = path.lowercased()
        guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") else {
            return try PreparedRun.readJSON(path, what: what)
        }
        let text: String
        do {
            text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        } catch {
            throw PreparedRun.Refusal(
                description: "cannot read \(what) file \(path): \((error as NSError).localizedDescription)")
        }
        do {
            return try JSONValue(yaml: text)
        } catch {
            throw PreparedRun.Refusal(description: "\(what) file \(path): malformed YAML: \(error)")
        }
    }
}
