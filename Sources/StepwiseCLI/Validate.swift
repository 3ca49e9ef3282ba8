import ArgumentParser
import Foundation
import WorkflowModel

/// `stepwise validate FILE...`: checks workflow files as Datadog would accept them.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check workflow files (a spec, a create/update request body or a GET response; JSON or YAML).",
        discussion: """
            Prints `file:pointer: message` per problem (warnings as `file:pointer: warning: message`).
            With --json, prints {"file","valid","errors","warnings"} for one file, a JSON array of them for several.
            Exit status: 0 when every file is valid (warnings allowed), 1 when a file is invalid, 2 when a file
            cannot be read.
            """
    )

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    @Argument(help: "Workflow files to check.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one workflow file.") }
    }

    func run() throws {
        var results: [FileResult] = []
        var unreadable = false
        for path in files {
            do {
                let document = try DocumentFile(path: path).load()
                results.append(FileResult(file: path, issues: document.report.issues))
            } catch .unreadable(let message) {
                unreadable = true
                FileHandle.standardError.write(Data("stepwise: \(message)\n".utf8))
            } catch .malformed(let message) {
                results.append(FileResult(file: path, issues: [.error(.root, message)]))
            }
        }
        if json {
            let values = results.map(\.json)
            let output: JSONValue = files.count == 1 && values.count == 1 ? values[0] : .array(values)
            print(String(decoding: output.jsonData(pretty: true), as: UTF8.self))
        } else {
            for result in results { print(result.humanText) }
        }
        if unreadable { throw ExitCode(2) }
        if results.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}

/// The outcome of checking one file.
struct FileResult {
    var file: String
    var issues: [ValidationIssue]

    var isValid: Bool { !issues.contains { $0.severity == .error } }

    /// `{"file", "valid", "errors": [{"pointer","detail"}], "warnings": [...]}`.
    var json: JSONValue {
        func list(_ severity: ValidationIssue.Severity) -> JSONValue {
            .array(
                issues.filter { $0.severity == severity }.map {
                    .object(["pointer": .string($0.pointer.description), "detail": .string($0.detail)])
                })
        }
        return .object([
            "file": .string(file), "valid": .bool(isValid), "errors": list(.error), "warnings": list(.warning),
        ])
    }

    /// One line per issue (`file:pointer: message`), or `file: valid`.
    var humanText: String {
        guard !issues.isEmpty else { return "\(file): valid" }
        return issues.map { issue in
            let location = issue.pointer.tokens.isEmpty ? file : "\(file):\(issue.pointer)"
            return "\(location): \(issue.severity == .warning ? "warning: " : "")\(issue.detail)"
        }.joined(separator: "\n")
    }
}
