import Foundation

/// Where `stepwise` looks for action manifests, highest priority first: each `--actions DIR`, the `actions/`
/// folder next to the workflow file, `$XDG_CONFIG_HOME/stepwise/actions` (default `~/.config/stepwise/actions`),
/// then the manifests installed with the binary (`<prefix>/share/stepwise/actions` beside `<prefix>/bin/stepwise`,
/// or the repository's `actions/` when the binary runs from a build tree).
///
/// A manifest of a higher-priority folder replaces one of the same action id from a lower one. Folders that do
/// not exist are skipped, except those given with `--actions`.
struct ManifestSearchPath {
    /// Where a folder on the path comes from.
    enum Origin: String {
        case option = "--actions"
        case workflow = "next to the workflow"
        case user = "user configuration"
        case bundled = "bundled"
    }

    /// One folder of manifests.
    struct Folder: Equatable {
        var path: String
        var origin: Origin
    }

    /// Highest priority first, each folder once.
    var folders: [Folder]

    /// - Parameters:
    ///   - explicit: the `--actions` folders, in the order given (a later one wins over an earlier one).
    ///   - workflowFile: the workflow being run, when there is one.
    init(
        explicit: [String], workflowFile: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = Self.executable
    ) {
        var candidates = explicit.reversed().map { Folder(path: $0, origin: .option) }
        if let workflowFile {
            let directory = URL(fileURLWithPath: workflowFile).deletingLastPathComponent()
            candidates.append(Folder(path: directory.appendingPathComponent("actions").path, origin: .workflow))
        }
        if let user = Self.userFolder(environment: environment) {
            candidates.append(Folder(path: user, origin: .user))
        }
        if let bundled = executable.flatMap(Self.bundledFolder) {
            candidates.append(Folder(path: bundled, origin: .bundled))
        }
        var seen = Set<String>()
        folders = candidates.filter { folder in
            guard folder.origin == .option || Self.isDirectory(folder.path) else { return false }
            return seen.insert(URL(fileURLWithPath: folder.path).standardizedFileURL.resolvingSymlinksInPath().path)
                .inserted
        }
    }

    /// `$XDG_CONFIG_HOME/stepwise/actions`, else `$HOME/.config/stepwise/actions`.
    static func userFolder(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config).appendingPathComponent("stepwise/actions").path
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".config/stepwise/actions").path
    }

    /// The manifests installed with `executable`: `<prefix>/share/stepwise/actions` for `<prefix>/bin/stepwise`,
    /// else the repository's `actions/` when the executable lies under the repository's `.build/` (or a scratch folder
    /// named `.build-…`, as the sanitizer builds use).
    static func bundledFolder(executable: URL) -> String? {
        let binary = executable.resolvingSymlinksInPath()
        let prefix = binary.deletingLastPathComponent().deletingLastPathComponent()
        let installed = prefix.appendingPathComponent("share/stepwise/actions").path
        if isDirectory(installed) { return installed }
        var folder = binary.deletingLastPathComponent()
        while folder.path != "/" {
            let name = folder.lastPathComponent
            if name == ".build" || name.hasPrefix(".build-") {
                let repository = folder.deletingLastPathComponent().appendingPathComponent("actions").path
                return isDirectory(repository) ? repository : nil
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// The running binary.
    static var executable: URL? {
        Bundle.main.executableURL ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
