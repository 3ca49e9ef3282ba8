import Foundation

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
    public static func svg(dot: String) throws(Failure) -> String {
        guard let executable else { throw .notInstalled }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-Tsvg"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .failed("\(error)")
        }
        // Write on another thread so a large graph cannot block on a full pipe.
        let text = Data(dot.utf8)
        let writer = Thread {
            input.fileHandleForWriting.write(text)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .failed(String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
