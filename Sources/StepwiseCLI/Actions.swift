import ArgumentParser
import Foundation
import WorkflowActions
import WorkflowModel

extension Stepwise {
    /// `stepwise actions list`: the action ids a run can use here.
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the actions available here.", subcommands: [List.self])
    }
}

extension Stepwise.Actions {
    /// `stepwise actions list [--actions DIR] [--workflow FILE]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every action id a run can use (built in or from a manifest) and where it comes from.",
            discussion: """
                Manifests are looked up in each --actions DIR, then the actions/ folder next to the workflow \
                (--workflow), then $XDG_CONFIG_HOME/stepwise/actions (default ~/.config/stepwise/actions), then \
                the manifests installed with stepwise. The first folder that has an action id wins.
                """)

        @Option(name: .customLong("actions"), help: "A directory of action manifests (repeatable; later ones win).")
        var actionDirectories: [String] = []

        @Option(help: "A workflow file: its folder's actions/ is searched too.")
        var workflow: String?

        @Flag(help: "Print [{\"actionId\", \"source\", \"folder\", \"needs\"}] as JSON.")
        var json = false

        func run() throws {
            let searchPath = ManifestSearchPath(explicit: actionDirectories, workflowFile: workflow)
            var rows: [String: (source: String, file: String?)] = [:]
            let builtIn = CompositionRoot.builtIn()
            for id in builtIn.ids { rows[id] = ("built-in", nil) }
            for folder in searchPath.folders.reversed() {
                let manifests: [ActionManifest]
                do {
                    manifests = try ActionManifest.load(directory: folder.path)
                } catch {
                    FileHandle.standardError.writeToConsole(Data("stepwise actions list: \(error)\n".utf8))
                    throw ExitCode(2)
                }
                for manifest in manifests where rows[manifest.actionId]?.source != "built-in" {
                    rows[manifest.actionId] = ("manifest (\(folder.origin.rawValue))", folder.path)
                }
            }
            let ids = rows.keys.sorted()
            if json {
                let list: [JSONValue] = ids.map { id in
                    var row: [String: JSONValue] = ["actionId": .string(id), "source": .string(rows[id]?.source ?? "")]
                    if let file = rows[id]?.file { row["folder"] = .string(file) }
                    if let needs = builtIn.requirements(for: id) { row["needs"] = .string(needs) }
                    return .object(row)
                }
                print(String(decoding: JSONValue.array(list).jsonData(pretty: true), as: UTF8.self))
                return
            }
            let width = ids.map(\.count).max() ?? 0
            for id in ids {
                let row = rows[id]
                let source = row?.source ?? ""
                print(
                    id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + source
                        + (row?.file.map { "  \($0)" } ?? "")
                        + (builtIn.requirements(for: id).map { "  (\($0))" } ?? ""))
            }
        }
    }
}
