import Foundation
import Synchronization

/// A test certificate authority and server certificates for 127.0.0.1 and localhost, made with the `openssl`
/// command (Debian's `openssl` package, installed by scripts/setup) in a fresh folder.
public struct TestCertificates: Sendable {
    /// The folder holding every file; remove it when done.
    public let directory: URL

    /// The CA's certificate (what clients trust).
    public var authority: String { path("ca.pem") }

    /// A new CA in a new folder.
    public static func make() async throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-tls-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(directory: directory)
        try await certificates.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
            "-subj", "/CN=Stepwise Test CA", "-keyout", certificates.path("ca.key"), "-out", certificates.authority,
        ])
        return certificates
    }

    /// The path of `name` in the folder.
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Issues a server certificate for 127.0.0.1 and localhost signed by the CA, written to `name.pem` with its
    /// key in `name.key`; returns the two paths.
    @discardableResult
    public func issue(
        _ name: String, commonName: String = "stepwise test server"
    ) async throws -> (
        certificate: String, key: String
    ) {
        let certificate = path(name + ".pem")
        let key = path(name + ".key")
        let extensions = path(name + ".ext")
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: extensions, atomically: true, encoding: .utf8)
        try await openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=\(commonName)",
            "-keyout", key, "-out", path(name + ".csr"),
        ])
        try await openssl([
            "x509", "-req", "-in", path(name + ".csr"), "-CA", authority, "-CAkey", path("ca.key"), "-CAcreateserial",
            "-days", "2", "-extfile", extensions, "-out", certificate,
        ])
        return (certificate, key)
    }

    /// The SHA-256 fingerprint of the certificate in `file` (`AB:CD:…`), as `openssl x509 -fingerprint` prints it.
    public func fingerprint(_ file: String) async throws -> String {
        let output = try await openssl(["x509", "-noout", "-fingerprint", "-sha256", "-in", file])
        return output.split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    }

    /// The SHA-256 fingerprint of the certificate a TLS server on 127.0.0.1:`port` presents now, verified
    /// against the CA (`openssl s_client`; empty when the handshake fails).
    public func servedFingerprint(port: Int) async throws -> String {
        let served = path("served-\(UUID()).pem")
        let chain = try await openssl(
            [
                "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-CAfile", authority,
                "-verify_return_error",
            ], input: Data())
        guard let begin = chain.range(of: "-----BEGIN CERTIFICATE-----"),
            let end = chain.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<chain.endIndex)
        else { return "" }
        try String(chain[begin.lowerBound..<end.upperBound]).write(toFile: served, atomically: true, encoding: .utf8)
        return try await fingerprint(served)
    }

    /// Runs `openssl arguments…` off the cooperative pool; returns its standard output.
    /// - Throws: when it exits with a failure (with its standard error), except for `s_client`, whose output
    ///   is returned whatever its status.
    @discardableResult
    func openssl(_ arguments: [String], input: Data? = nil) async throws -> String {
        try await TestSupport.offThePool {
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            let output = Pipe()
            let errors = Pipe()
            let stdin = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = stdin
            try process.run()
            stdin.fileHandleForWriting.write(input ?? Data())
            try stdin.fileHandleForWriting.close()
            let errorText = Mutex(Data())
            let errorsRead = DispatchSemaphore(value: 0)
            Thread {
                errorText.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() }
                errorsRead.signal()
            }.start()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            errorsRead.wait()
            process.waitUntilExit()
            if process.terminationStatus != 0 && arguments.first != "s_client" {
                throw TestCertificateError(
                    message: "openssl \(arguments.first ?? "") failed: "
                        + String(decoding: errorText.withLock { $0 }, as: UTF8.self))
            }
            return text
        }
    }
}

/// `openssl` failed.
public struct TestCertificateError: Error, CustomStringConvertible {
    /// What openssl said.
    public var message: String
    public var description: String { message }
}
