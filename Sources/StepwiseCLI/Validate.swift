import ArgumentParser
import Foundation
import WorkflowModel

/// `stepwise validate FILE...`: checks workflow files as Datadog would accept them.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check workflow files (a spec, a create/update request body, a GET response or a Datadog export; JSON or YAML).",
        discussion: """
            Prints `FILE:POINTER: message` per problem (warnings as `FILE:POINTER: warning: message`), \
            `FILE:LINE:COLUMN: message` for text that is not JSON or YAML, and `FILE: valid` for a valid file.
            With --json, prints one object whatever the number of files: {"valid": BOOL, "files": [{"file", \
            "valid", "errors": [{"pointer", "detail"}], "warnings": [...]}]} (an unreadable or malformed file \
            is in the list, its problem as an error with "line" and "column" when known).
            Exit status: 0 when every file is valid (warnings allowed), 1 when a file is invalid or malformed, \
            2 when a file cannot be read.
            """
    )

    @Flag(name: .long, help: "Print the result as one JSON object.")
    var json = false

    @Argument(help: "Workflow files to check.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one workflow file.") }
    }

    func run() throws {
        var results: [FileResult] = []
        for path in files {
            do {
                results.append(FileResult(file: path, issues: try DocumentFile(path: path).load().report.issues))
            } catch {
                results.append(FileResult(file: path, issues: [], problem: error))
            }
        }
        if json {
            let output: JSONValue = .object([
                "valid": .bool(results.allSatisfy(\.isValid)), "files": .array(results.map(\.json)),
            ])
            print(String(decoding: output.jsonData(pretty: true), as: UTF8.self))
        } else {
            for result in results {
                if result.problem?.code == .unreadable {
                    result.problem?.report()
                } else {
                    print(result.humanText)
                }
            }
        }
        if results.contains(where: { $0.problem?.code == .unreadable }) { throw ExitCode(2) }
        if results.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}

/// The outcome of checking one file.
struct FileResult {
    var file: String
    var issues: [ValidationIssue]
    /// Set when the file could not be read or parsed.
    var problem: FileProblem?

    var isValid: Bool { problem == nil && !issues.contains { $0.severity == .error } }

    /// `{"file", "valid", "errors": [{"pointer", "detail"}], "warnings": [...]}`; a file problem is the one error,
    /// with `line` and `column` when known.
    var json: JSONValue {
        func list(_ severity: ValidationIssue.Severity) -> JSONValue {
            .array(
                issues.filter { $0.severity == severity }.map {
                    .object(["pointer": .string($0.pointer.description), "detail": .string($0.detail)])
                })
        }
        var errors = list(.error)
        if let problem {
            var error: [String: JSONValue] = ["pointer": "", "detail": .string(problem.message)]
            if let line = problem.line { error["line"] = .number(Double(line)) }
            if let column = problem.column { error["column"] = .number(Double(column)) }
            errors = [.object(error)]
        }
        return .object([
            "file": .string(file), "valid": .bool(isValid), "errors": errors, "warnings": list(.warning),
        ])
    }

    /// One line per issue (`file:pointer: message`), the file problem (`file:line:column: message`), or
    /// `file: valid`.
    var humanText: String {
        if let problem { return problem.description }
        guard !issues.isEmpty else { return "\(file): valid" }
        return issues.map { issue in
            let location = issue.pointer.tokens.isEmpty ? file : "\(file):\(issue.pointer)"
            return "\(location): \(issue.severity == .warning ? "warning: " : "")\(issue.detail)"
        }.joined(separator: "\n")
    }
}
