import ArgumentParser
import Foundation
import WorkflowModel

/// `stepwise schedule FILE --next N [--after DATE]`: the next occurrences of a workflow's schedule trigger.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the next occurrences of a workflow's scheduleTrigger, one ISO-8601 time (UTC) a line.",
        discussion: """
            FILE is a workflow file (a spec, a create/update request body, a GET response or an export; JSON or YAML).
            Check a rule before publishing: `stepwise schedule wf.json --next 10 --after 2027-01-01T00:00:00Z`.
            Exit status: 0 on success, 1 when the workflow or its rule is invalid, 2 when the file cannot be read.
            """
    )

    @Option(name: .long, help: "How many occurrences to print.")
    var next = 10

    @Option(name: .long, help: "Print occurrences strictly after this ISO-8601 time (default: now).")
    var after: String?

    @Argument(help: "The workflow file.")
    var file: String

    func validate() throws {
        guard next > 0 else { throw ValidationError("--next must be at least 1.") }
        if let after, Self.parseDate(after) == nil {
            throw ValidationError("--after \(after) is not an ISO-8601 time like 2027-01-01T00:00:00Z.")
        }
    }

    func run() throws {
        let document: WorkflowDocument
        do {
            document = try DocumentFile(path: file).load()
        } catch {
            error.report()
            throw ExitCode(error.code == .unreadable ? 2 : 1)
        }
        guard let spec = document.report.spec,
            let index = (spec.triggers ?? []).firstIndex(where: { $0.kind == .schedule })
        else {
            fail("\(file): the workflow has no scheduleTrigger")
            throw ExitCode(1)
        }
        let expression = (spec.triggers ?? [])[index].options.rruleExpression ?? ""
        let rule: RecurrenceRule
        do {
            rule = try RecurrenceRule(parsing: expression)
        } catch {
            let pointer = JSONPointer(tokens: ["triggers", String(index), "scheduleTrigger", "rruleExpression"])
            fail("\(file):\(pointer.prefixed(by: document.specPointer)): invalid recurrence rule: \(error.message)")
            throw ExitCode(1)
        }
        let start = after.flatMap(Self.parseDate) ?? Date()
        let formatter = ISO8601DateFormatter()
        for date in rule.occurrences(after: start, limit: next) { print(formatter.string(from: date)) }
    }

    private func fail(_ message: String) {
        FileHandle.standardError.writeToConsole(Data("stepwise: \(message)\n".utf8))
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
