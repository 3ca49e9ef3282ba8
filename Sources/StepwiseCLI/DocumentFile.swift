import Foundation
import WorkflowModel

/// A workflow file read from disk: JSON, or YAML when its name ends in `.yaml` or `.yml`.
struct DocumentFile {
    let path: String

    /// Reads, parses and validates the file (an invalid workflow is reported in the document, not thrown).
    /// - Throws: ``FileProblem`` when the file cannot be read or is not well-formed JSON or YAML.
    func load() throws(FileProblem) -> WorkflowDocument {
        WorkflowDocument(json: try StructuredFile.load(path))
    }
}
