import Foundation
import Testing
import WorkflowTestSupport

/// `stepwise worker --metrics-port` serving safely, as a real child process (docs/security.md): off loopback only
/// over TLS or with `--insecure-http`; over HTTPS a real client (curl, trusting an openssl-made test CA) scrapes
/// `/metrics`, and a certificate rotated on SIGHUP is served to new connections while the worker keeps running.
@Suite("stepwise worker metrics over TLS")
struct WorkerMetricsTLSCommandTests {
    @Test("off loopback without TLS, the worker refuses to start and says why")
    func plainHTTPRefused() async throws {
        let database = SecureServeCommandTests.temporary("worker.db")
        defer { try? FileManager.default.removeItem(atPath: database) }
        let result = try await StepwiseProcess.run([
            "worker", "--db", database, "--metrics-port", "0", "--metrics-host", "0.0.0.0",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to serve metrics over plain HTTP on 0.0.0.0"), "\(result.stderr)")
        #expect(result.stderr.contains("--insecure-http"), "\(result.stderr)")
    }

    @Test("HTTPS: curl scrapes /metrics with the test CA; a certificate rotated on SIGHUP reaches new connections")
    func rotation() async throws {
        let authority = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: authority.directory) }
        let (certificate, key) = try await authority.issue("metrics", commonName: "first")
        let rotated = try await authority.issue("rotated", commonName: "second")
        let (process, stderr, port) = try await CertificateRotation.start(
            [
                "worker", "--db", authority.path("stepwise.db"), "--metrics-port", "0", "--tls-cert", certificate,
                "--tls-key", key,
            ], listening: "metrics on")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let scrape = try await Self.curl(["--cacert", authority.authority, "https://localhost:\(port)/metrics"])
        #expect(scrape.status == 0, "\(scrape.output)")
        #expect(scrape.output.contains("stepwise_instances_running"), "\(scrape.output)")
        // Plain HTTP is not served on the TLS port.
        #expect(try await Self.curl(["http://127.0.0.1:\(port)/metrics"]).status != 0)

        try await CertificateRotation.rotate(
            process, stderr: stderr, port: port, authority: authority, serving: (certificate, key), to: rotated)

        kill(process.processIdentifier, SIGTERM)
        await StepwiseProcess.waitUntilExit([process])
        #expect(process.terminationStatus == 0)
    }

    /// Runs `curl -sS` with `arguments` (10 s at most) and returns its status and output.
    static func curl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await TestSupport.offThePool {
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-sS", "--max-time", "10"] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }
}
