import Foundation
import Testing
import WorkflowTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `stepwise serve` says where it listens once, then logs a line per request: method, path, status, duration.
@Suite("stepwise serve logging")
struct ServeLoggingCommandTests {
    @Test("one listening line, then one line per request")
    func requestLog() async throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-serve-\(UUID()).db").path
        let result = try await StepwiseProcess.run(["serve", "--port", "0", "--db", db]) { process, stderr in
            // However the reads below go, the server stops within 120 seconds (a debug build on a machine busy with
            // other builds, or under a sanitizer, can take tens of seconds to start).
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            var (port, seen) = ServeListening.port(stderr)
            guard let port else {
                process.terminate()
                return seen
            }
            for path in ["/api/v2/workflows", "/api/v2/workflows/nope"] {
                Self.get(port: port, path: path)
            }
            seen += StepwiseProcess.read(
                stderr, untilAll: ["GET /api/v2/workflows 200", "GET /api/v2/workflows/nope "])
            // The log is all this test reads: no need to wait for a graceful shutdown.
            kill(process.processIdentifier, SIGKILL)
            return seen
        }
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.filter { $0.localizedCaseInsensitiveContains("listening") }.count == 1, "\(result.stderr)")
        let ok = try #require(lines.first { $0.contains("GET /api/v2/workflows 200 ") })
        #expect(ok.hasSuffix(" ms"))
        // An id that is not a UUID is refused with 400.
        #expect(lines.contains { $0.contains("GET /api/v2/workflows/nope 400 ") }, "\(result.stderr)")
    }

    /// A blocking `GET path` to 127.0.0.1:`port`, returning once answered; the caller is already on a thread of
    /// its own.
    static func get(port: Int, path: String) {
        _ = try? LocalHTTP.send("GET", port: port, path)
    }
}
