import Foundation
import Testing
import WorkflowServer
import WorkflowTestSupport

/// The certificate and key of `serve --tls-cert/--tls-key`: read at start, read again on reload, and a pair
/// that cannot be used is refused without replacing the one in force.
@Suite("TLS certificates")
struct TLSCertificateTests {
    @Test("a reload after the files changed puts the new certificate in force")
    func reload() async throws {
        let authority = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: authority.directory) }
        let (certificate, key) = try await authority.issue("server")
        let pair = try TLSCertificates(certificatePath: certificate, keyPath: key)
        let first = pair.leafCertificateDER
        #expect(!first.isEmpty)
        let rotated = try await authority.issue("rotated", commonName: "rotated")
        try FileManager.default.removeItem(atPath: certificate)
        try FileManager.default.removeItem(atPath: key)
        try FileManager.default.copyItem(atPath: rotated.certificate, toPath: certificate)
        try FileManager.default.copyItem(atPath: rotated.key, toPath: key)
        #expect(try pair.reload() == 1)
        #expect(pair.leafCertificateDER != first)
    }

    @Test("a key of another certificate is refused at start and on reload, and the old pair stays")
    func mismatchedKey() async throws {
        let authority = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: authority.directory) }
        let (certificate, key) = try await authority.issue("server")
        let other = try await authority.issue("other")
        #expect(throws: ServerError(.invalidTLS, "")) {
            _ = try TLSCertificates(certificatePath: certificate, keyPath: other.key)
        }
        let pair = try TLSCertificates(certificatePath: certificate, keyPath: key)
        let first = pair.leafCertificateDER
        try FileManager.default.removeItem(atPath: certificate)
        try FileManager.default.copyItem(atPath: other.certificate, toPath: certificate)
        do {
            try pair.reload()
            Issue.record("a certificate without its key was put in force")
        } catch {
            #expect(error.code == .invalidTLS)
            #expect(error.message.contains(key), "\(error)")
        }
        #expect(pair.leafCertificateDER == first)
    }

    @Test("a missing or non-PEM file is refused naming it")
    func unreadable() async throws {
        let authority = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: authority.directory) }
        let (certificate, key) = try await authority.issue("server")
        let missing = authority.path("missing.pem")
        do {
            _ = try TLSCertificates(certificatePath: missing, keyPath: key)
            Issue.record("a missing certificate was accepted")
        } catch {
            #expect(error.code == .invalidTLS && error.message.hasPrefix(missing), "\(error)")
        }
        let garbage = authority.path("garbage.key")
        try "not a key".write(toFile: garbage, atomically: true, encoding: .utf8)
        do {
            _ = try TLSCertificates(certificatePath: certificate, keyPath: garbage)
            Issue.record("a garbage key was accepted")
        } catch {
            #expect(error.code == .invalidTLS && error.message.hasPrefix(garbage), "\(error)")
        }
    }

    @Test("off loopback, plain HTTP is refused unless --insecure-http; TLS or loopback need no flag")
    func plainHTTPOffLoopback() {
        let tls = ServerConfiguration.TLSFiles(certificatePath: "c.pem", keyPath: "k.pem")
        #expect(throws: ServerError(.plainHTTP, "")) {
            try ServerConfiguration(host: "0.0.0.0", apiKey: "a", applicationKey: "b").check()
        }
        #expect(throws: Never.self) {
            try ServerConfiguration(host: "0.0.0.0", apiKey: "a", applicationKey: "b", insecureHTTP: true).check()
            try ServerConfiguration(host: "0.0.0.0", apiKey: "a", applicationKey: "b", tls: tls).check()
            try ServerConfiguration(host: "10.1.2.3", keysFile: "keys.yaml", tls: tls).check()
            try ServerConfiguration(host: "127.0.0.1", apiKey: "a", applicationKey: "b").check()
        }
        // Keys are still needed off loopback, TLS or not.
        #expect(throws: ServerError(.insecureBind, "")) {
            try ServerConfiguration(host: "0.0.0.0", tls: tls).check()
        }
        #expect(throws: ServerError(.invalidKeys, "")) {
            try ServerConfiguration(apiKey: "a", keysFile: "keys.yaml").check()
        }
    }
}
