import Foundation
import WorkflowModel
import Yams

/// A file named on the command line that cannot be used: it cannot be read, or it is not JSON or YAML.
///
/// Every command prints it the same way, as compilers do: `FILE:LINE:COLUMN: message` (or `FILE: message` when
/// there is no position).
struct FileProblem: Error, CustomStringConvertible, Equatable {
    /// What kind of problem.
    enum Code: String {
        /// The file could not be read (missing, a directory, no permission).
        case unreadable
        /// The file is not well-formed JSON or YAML.
        case malformed
    }

    var code: Code
    var file: String
    /// 1-based line of the problem, when known.
    var line: Int?
    /// 1-based column of the problem, when known.
    var column: Int?
    /// What is wrong, without the file and position.
    var message: String

    /// `FILE:LINE:COLUMN` or `FILE`.
    var location: String {
        guard let line else { return file }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }

    var description: String { "\(location): \(message)" }

    /// Malformed JSON text in `file`.
    init(file: String, json error: JSONSyntaxError) {
        self.init(
            code: .malformed, file: file, line: error.line, column: error.column,
            message: "malformed JSON: \(error.reason)")
    }

    /// Malformed YAML text in `file`: one line, with Yams's position.
    init(file: String, yaml error: any Error) {
        var line: Int?
        var column: Int?
        var message = "\(error)"
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
            .composer(let context, let problem, let mark, _)?:
            line = mark.line
            column = mark.column
            message =
                problem + (context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            line = context.mark.line
            column = context.mark.column
            message = "duplicated keys \(duplicates.joined(separator: ", ")) \(context.text)"
        default:
            if let conversion = error as? YAMLConversionError {
                line = conversion.line
                column = conversion.column
            }
        }
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        self.init(code: .malformed, file: file, line: line, column: column, message: "malformed YAML: \(oneLine)")
    }

    init(code: Code, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Prints the problem on stderr.
    func report() {
        FileHandle.standardError.writeToConsole(Data("\(description)\n".utf8))
    }
}
