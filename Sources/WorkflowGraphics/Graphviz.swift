import Foundation
import Subprocess
import SystemPackage

/// Lays DOT text out as SVG with Graphviz's `dot`, when it is installed.
public enum Graphviz {
    /// Why no SVG came out.
    public enum Failure: Error, CustomStringConvertible {
        /// `dot` is not on `PATH`.
        case notInstalled
        /// `dot` ran and failed.
        case failed(String)

        /// The message for people, naming the package to install.
        public var description: String {
            switch self {
            case .notInstalled:
                return "Graphviz's `dot` is not on PATH: install Debian's `graphviz` package "
                    + "(apt-get install graphviz), or use --format mermaid or --format dot"
            case .failed(let message): return "dot failed: \(message)"
            }
        }
    }

    /// The `dot` executable on `PATH`, if any.
    public static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// `dot -Tsvg` of `dot`.
    ///
    /// Runs `dot` through swift-subprocess (Foundation's `Process` can crash the calling process on Linux while it
    /// scans the open descriptors before a spawn).
    public static func svg(dot: String) async throws(Failure) -> String {
        guard let executable else { throw .notInstalled }
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable.path)), arguments: ["-Tsvg"], input: .string(dot),
                output: .string(limit: outputLimit), error: .string(limit: 1 << 20))
        } catch {
            throw .failed("\(error)")
        }
        guard result.terminationStatus.isSuccess else {
            throw .failed(result.standardError.isEmpty ? "\(result.terminationStatus)" : result.standardError)
        }
        return result.standardOutput
    }

    /// The most SVG text read from `dot` (64 MiB).
    static let outputLimit = 64 << 20
}
