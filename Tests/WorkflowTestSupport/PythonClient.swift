import Foundation
import WorkflowModel

/// Runs one of the Python scripts in `Tests/clients` (real consumers: Prometheus's parser, the OpenTelemetry
/// protobuf classes) and reads what it prints as JSON.
public enum PythonClient {
    /// The script failed or printed something that is not JSON.
    public struct Failure: Error, CustomStringConvertible {
        public var code = "python3"
        public var message: String
        public var description: String { "\(code): \(message)" }
    }

    /// Runs `Tests/clients/<script>` with `arguments`, `input` on its stdin, on a thread of its own.
    public static func run(_ script: String, arguments: [String] = [], input: Data = Data()) async throws -> JSONValue {
        try await TestSupport.offThePool { try runBlocking(script, arguments: arguments, input: input) }
    }

    /// ``run(_:arguments:input:)`` on the calling thread (for code already on a thread of its own).
    public static func runBlocking(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> JSONValue
    {
        let path = TestSupport.repositoryRoot.appendingPathComponent("Tests/clients/\(script)").path
        let output = try { () throws -> Data in
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", path] + arguments
            let stdin = Pipe()
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            try stdin.fileHandleForWriting.write(contentsOf: input)
            try stdin.fileHandleForWriting.close()
            let data = stdout.fileHandleForReading.readDataToEndOfFile()
            let errors = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Failure(
                    message: "\(script) exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))"
                )
            }
            return data
        }()
        do {
            return try JSONValue.parse(output)
        } catch {
            throw Failure(message: "\(script) printed no JSON: \(String(decoding: output, as: UTF8.self))")
        }
    }
}
