import NIOCore
import NIOSSL
import Synchronization

/// The server's certificate chain and private key (PEM files), read again on SIGHUP. Each TLS handshake takes
/// the pair in force when it starts (NIOSSL's context callback), so new connections get a rotated certificate
/// while open connections carry on with the one they began with.
public final class TLSCertificates: Sendable {
    /// A certificate chain with its key.
    struct Pair: Sendable {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
    }

    /// The certificate chain file (PEM: the server's certificate first, then intermediates).
    public let certificatePath: String
    /// The private key file (PEM).
    public let keyPath: String
    private let current: Mutex<Pair>

    /// Reads the pair.
    /// - Throws: ``ServerError`` `invalidTLS` naming the file that cannot be used.
    public init(certificatePath: String, keyPath: String) throws(ServerError) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.current = Mutex(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    /// Reads both files again and puts them in force for new connections; a pair that cannot be used (a missing
    /// file, bad PEM, a key that does not match the certificate) changes nothing.
    /// - Returns: the number of certificates in the new chain.
    /// - Throws: ``ServerError`` `invalidTLS`: the old pair stays in force.
    @discardableResult
    public func reload() throws(ServerError) -> Int {
        let pair = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
        current.withLock { $0 = pair }
        return pair.chain.count
    }

    /// The DER bytes of the certificate in force (tests compare them).
    public var leafCertificateDER: [UInt8] {
        (try? current.withLock { $0.chain.first }?.toDERBytes()) ?? []
    }

    /// The server configuration: the pair read at start, replaced per handshake by the pair in force.
    func serverConfiguration() -> TLSConfiguration {
        let pair = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: pair.chain.map { .certificate($0) }, privateKey: .privateKey(pair.key))
        configuration.sslContextCallback = { [self] _, promise in
            let pair = current.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = pair.chain.map { .certificate($0) }
            override.privateKey = .privateKey(pair.key)
            promise.succeed(override)
        }
        return configuration
    }

    static func load(certificatePath: String, keyPath: String) throws(ServerError) -> Pair {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw ServerError(.invalidTLS, "\(certificatePath): not a readable PEM certificate chain (\(error))")
        }
        guard !chain.isEmpty else {
            throw ServerError(.invalidTLS, "\(certificatePath): holds no certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            // The key's content is never part of a message.
            throw ServerError(.invalidTLS, "\(keyPath): not a readable PEM private key")
        }
        do {
            // Building a context checks that the key belongs to the certificate.
            _ = try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw ServerError(.invalidTLS, "\(keyPath) is not the private key of the certificate in \(certificatePath)")
        }
        return Pair(chain: chain, key: key)
    }
}
