import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WorkflowAPI
import WorkflowServer
import WorkflowTestSupport

/// The server over HTTPS in this process, read with libcurl (`CurlStream`, what `stepwise instances watch
/// --ca-cert` uses): a client that trusts the test CA is answered, one that does not fails the handshake.
@Suite("HTTPS server")
struct TLSServeTests {
    /// The status and body of `GET url`, or the transfer's failure.
    static func get(_ url: String, certificateAuthorities: String?) async -> Result<(Int, String), any Error> {
        var status = 0
        var body: [UInt8] = []
        do {
            for try await chunk in CurlStream.get(url, headers: [], certificateAuthorities: certificateAuthorities) {
                switch chunk {
                case .status(let code): status = code
                case .bytes(let bytes): body += bytes
                }
            }
            return .success((status, String(decoding: body, as: UTF8.self)))
        } catch {
            return .failure(error)
        }
    }

    @Test("a client trusting the test CA gets answers over HTTPS; one that does not is refused at the handshake")
    func https() async throws {
        let authority = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: authority.directory) }
        let (certificate, key) = try await authority.issue("server")
        let harness = try ServerHarness(
            configuration: .init(
                host: "127.0.0.1", port: 0, tls: .init(certificatePath: certificate, keyPath: key)))
        defer { try? FileManager.default.removeItem(at: harness.directory) }
        let app = try buildApplication(harness.environment)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let url = "https://127.0.0.1:\(port)/api/v2/workflows"
            let trusted = try await Self.get(url, certificateAuthorities: authority.authority).get()
            #expect(trusted.0 == 200)
            #expect(trusted.1.contains("\"data\":[]"), "\(trusted.1)")
            let untrusted = await Self.get(url, certificateAuthorities: nil)
            #expect(throws: CurlStream.Failure.self) { try untrusted.get() }
            let plain = await Self.get("http://127.0.0.1:\(port)/api/v2/workflows", certificateAuthorities: nil)
            #expect((try? plain.get().0) != 200, "plain HTTP was answered on the HTTPS port")
        }
    }
}
