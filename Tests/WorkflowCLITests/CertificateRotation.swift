import Foundation
import Testing
import WorkflowTestSupport

/// What the TLS tests of `serve` and `worker --metrics-port` share: reading the listening line, and rotating the
/// certificate on SIGHUP while the process keeps running.
enum CertificateRotation {
    /// Starts `stepwise arguments` (killed within 60 seconds whatever happens) and reads its stderr until the
    /// line holding `marker` followed by `https://127.0.0.1:PORT`; returns the process, its stderr and the port.
    static func start(
        _ arguments: [String], listening marker: String
    ) async throws -> (process: ChildProcess, stderr: FileHandle, port: Int) {
        let process = ChildProcess()
        process.executableURL = StepwiseProcess.binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        let stderr = errors.fileHandleForReading
        let text = try await TestSupport.offThePool { readLine(stderr, holding: marker + " https://") }
        let range = try #require(text.range(of: marker + " https://127.0.0.1:"), "\(text)")
        let port = try #require(Int(text[range.upperBound...].prefix(while: \.isNumber)), "\(text)")
        return (process, stderr, port)
    }

    /// Reads stderr up to the end of the line holding `marker` (or the end of the stream).
    static func readLine(_ stderr: FileHandle, holding marker: String) -> String {
        var text = String(decoding: StepwiseProcess.read(stderr, until: marker), as: UTF8.self)
        while let range = text.range(of: marker), !text[range.upperBound...].contains("\n") {
            let chunk = stderr.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    /// Checks that `process` serves `certificate` on `port`, replaces the pair with `rotated`, sends SIGHUP and
    /// checks that new connections get the rotated certificate while the process keeps running.
    static func rotate(
        _ process: ChildProcess, stderr: FileHandle, port: Int, authority: TestCertificates,
        serving pair: (certificate: String, key: String), to rotated: (certificate: String, key: String)
    ) async throws {
        let first = try await authority.servedFingerprint(port: port)
        #expect(first == (try await authority.fingerprint(pair.certificate)))
        for (from, to) in [(rotated.certificate, pair.certificate), (rotated.key, pair.key)] {
            try FileManager.default.removeItem(atPath: to)
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
        kill(process.processIdentifier, SIGHUP)
        let reloaded = try await TestSupport.offThePool {
            StepwiseProcess.read(stderr, until: "new connections use it")
        }
        #expect(String(decoding: reloaded, as: UTF8.self).contains("reloaded the TLS certificate"))
        #expect(process.isRunning)
        let second = try await authority.servedFingerprint(port: port)
        #expect(second == (try await authority.fingerprint(rotated.certificate)))
        #expect(second != first)
    }
}
