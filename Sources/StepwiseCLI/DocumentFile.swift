import Foundation
import WorkflowModel
import Yams

/// A workflow file read from disk: JSON, or YAML when its name ends in `.yaml` or `.yml`.
struct DocumentFile {
    /// Why a file could not be validated at all.
    enum Failure: Error {
        /// The file could not be read (missing, a directory, no permission): a usage error.
        case unreadable(String)
        /// The file is not well-formed JSON or YAML: an invalid document.
        case malformed(String)
    }

    let path: String

    /// Whether the file is YAML, by its extension.
    var isYAML: Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// Reads and parses the file.
    func load() throws(Failure) -> WorkflowDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable("cannot read \(path): no such file")
        }
        if isDirectory.boolValue { throw .unreadable("cannot read \(path): it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        if isYAML {
            guard let text = String(data: data, encoding: .utf8) else { throw .malformed("malformed YAML: not UTF-8") }
            do {
                return WorkflowDocument(json: try JSONValue(yaml: text))
            } catch {
                throw .malformed("malformed YAML: \(error)")
            }
        }
        do {
            return try WorkflowDocument(jsonData: data)
        } catch {
            throw .malformed("\(error)")
        }
    }
}
