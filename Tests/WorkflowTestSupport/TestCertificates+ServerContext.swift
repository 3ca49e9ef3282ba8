import NIOSSL

extension TestCertificates {
    /// A TLS server context presenting the certificate `name` issues (``issue(_:commonName:)``), for an HTTPS
    /// ``StandInServer``.
    public func serverContext(_ name: String) async throws -> NIOSSLContext {
        let (certificate, key) = try await issue(name)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
