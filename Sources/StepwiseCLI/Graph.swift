import ArgumentParser
import Foundation
import WorkflowEngine
import WorkflowGraphics
import WorkflowModel
import WorkflowStore

extension Stepwise {
    /// `stepwise graph FILE`: the spec as a picture (Mermaid, DOT, SVG), optionally with a stored run on it.
    struct Graph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a workflow's graph, optionally with the path a stored run took.",
            discussion: """
                Mermaid and DOT are text; SVG is laid out by Graphviz's `dot` (Debian package `graphviz`). With \
                --instance, each step is coloured by its state in that run (from --db) and edges never taken are \
                grey; --format html writes the run report page for that instance.
                """
        )

        /// Output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case mermaid, dot, svg, html
        }

        @Argument(help: "The workflow file.")
        var file: String

        @Option(help: "mermaid, dot, svg (needs Graphviz) or html (needs --instance).")
        var format: Format = .mermaid

        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
        var output: String?

        @Option(help: "A stored instance whose run is drawn on the graph.")
        var instance: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            do {
                let text = try await render()
                if let output {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                } else {
                    FileHandle.standardOutput.writeToConsole(Data(text.utf8))
                }
            } catch let error as ExitCode {
                throw error
            } catch let problem as FileProblem {
                problem.report()
                throw ExitCode(2)
            } catch {
                FileHandle.standardError.writeToConsole(Data("stepwise graph: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }

        private func render() async throws -> String {
            let document = try DocumentFile(path: file).load()
            guard let spec = document.report.validated?.spec else {
                let lines = document.report.errors.map { "\(file):\($0.pointer): \($0.detail)" }
                FileHandle.standardError.writeToConsole(
                    Data(("invalid workflow\n" + lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(2)
            }
            var summary: InstanceSummary?
            var journal: [JournalEntry] = []
            if let instance {
                let database = try await store.open()
                guard let found = try await database.instance(id: instance) else {
                    throw GraphError(description: "no instance \(instance) in \(store.shown)")
                }
                summary = found
                journal = try await database.journal(instance: instance)
            }
            let overlay = summary.map { RunOverlay(journal: journal, trigger: $0.trigger) }
            let picture = GraphPicture(spec: spec, run: overlay)
            switch format {
            case .mermaid: return GraphText.mermaid(picture)
            case .dot: return GraphText.dot(picture)
            case .svg: return try await Graphviz.svg(dot: GraphText.dot(picture))
            case .html:
                guard let summary else { throw GraphError(description: "--format html needs --instance ID") }
                let title = document.name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                return RunReport(title: title, spec: spec, summary: summary, journal: journal).html()
            }
        }
    }

    /// A refusal of `stepwise graph`.
    struct GraphError: Error, CustomStringConvertible {
        var description: String
    }
}
