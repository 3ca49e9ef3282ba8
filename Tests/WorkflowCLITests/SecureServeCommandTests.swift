import Foundation
import Testing
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

/// `stepwise serve` serving safely, as a real child process (docs/security.md): refusals at start, HTTPS with a
/// certificate rotated on SIGHUP while the server keeps running, `keys hash` and `audit list`.
@Suite("stepwise serve over TLS, keys and audit")
struct SecureServeCommandTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-sec-\(UUID())-\(name)").path
    }

    @Test("off loopback without TLS, serve refuses to start and says why")
    func plainHTTPRefused() async throws {
        let result = try await StepwiseProcess.run([
            "serve", "--host", "0.0.0.0", "--port", "0", "--api-key", "a", "--app-key", "b", "--db",
            Self.temporary("db"),
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to serve plain HTTP on 0.0.0.0"), "\(result.stderr)")
        #expect(result.stderr.contains("--insecure-http"), "\(result.stderr)")
    }

    @Test("--tls-cert without --tls-key is a usage error that says they go together")
    func halfTLS() async throws {
        let result = try await StepwiseProcess.run(["serve", "--port", "0", "--tls-cert", "cert.pem"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--tls-cert and --tls-key go together"), "\(result.stderr)")
    }

    @Test("a bad keys file stops serve at start with the file, line and field")
    func badKeysFile() async throws {
        let keys = Self.temporary("keys.yaml")
        defer { try? FileManager.default.removeItem(atPath: keys) }
        try "keys:\n  - name: ci\n    apiKeyHash: plain-secret\n".write(toFile: keys, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keys)
        let result = try await StepwiseProcess.run([
            "serve", "--port", "0", "--keys", keys, "--db", Self.temporary("db"),
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(keys):3:"), "\(result.stderr)")
        #expect(result.stderr.contains("keys[0].apiKeyHash"), "\(result.stderr)")
        #expect(!result.stderr.contains("plain-secret"), "\(result.stderr)")
    }

    @Test("keys hash prints the sha256 digest of the key on standard input")
    func keysHash() async throws {
        let output = try await TestSupport.offThePool { () throws -> (Int32, String) in
            let process = ChildProcess()
            process.executableURL = StepwiseProcess.binary
            process.arguments = ["keys", "hash"]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data("abc\n".utf8))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(output.0 == 0)
        #expect(output.1 == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
    }

    @Test("audit list prints the trail newest first, as a table and as JSON")
    func auditList() async throws {
        let db = Self.temporary("audit.db")
        defer { try? FileManager.default.removeItem(atPath: db) }
        let store = try SQLiteStore(path: db)
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.record(
            AuditEntry(
                time: time, keyName: "ci", method: "POST", route: "/api/v2/workflows", target: "wf-1", status: 201))
        try await store.record(
            AuditEntry(
                time: time.addingTimeInterval(1), keyName: nil, method: "DELETE", route: "/api/v2/workflows/wf-1",
                target: "wf-1", status: 204))
        let table = try await StepwiseProcess.run(["audit", "list", "--db", db])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("TIME") == true)
        #expect(lines[1].contains("2027-01-15T08:00:01Z  -    DELETE  204"), "\(table.stdout)")
        #expect(lines[2].contains("ci   POST    201     wf-1    /api/v2/workflows"), "\(table.stdout)")
        let json = try await StepwiseProcess.run(["audit", "list", "--db", db, "--limit", "1", "--json"])
        let body = try JSONValue.parse(Data(json.stdout.utf8))
        let rows = body["data"]?.arrayValue ?? []
        #expect(rows.count == 1, "\(json.stdout)")
        #expect(rows.first?["attributes"]?["method"] == "DELETE", "\(json.stdout)")
        #expect(rows.first?["attributes"]?["key"] == .null, "\(json.stdout)")
    }

    @Test("HTTPS: a certificate rotated on SIGHUP is served to new connections while the server keeps running")
    func rotation() async throws {
        let authority = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: authority.directory) }
        let (certificate, key) = try await authority.issue("server", commonName: "first")
        let rotated = try await authority.issue("rotated", commonName: "second")
        let (process, stderr, port) = try await CertificateRotation.start(
            [
                "serve", "--port", "0", "--db", authority.path("stepwise.db"), "--tls-cert", certificate,
                "--tls-key", key,
            ], listening: "listening on")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try await CertificateRotation.rotate(
            process, stderr: stderr, port: port, authority: authority, serving: (certificate, key), to: rotated)

        kill(process.processIdentifier, SIGTERM)
        await StepwiseProcess.waitUntilExit([process])
        #expect(process.terminationStatus == 0)
    }
}
