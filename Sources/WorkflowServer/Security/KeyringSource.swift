import Synchronization

/// The keys a running server accepts, swapped whole when the keys file is read again (SIGHUP).
public final class KeyringSource: Sendable {
    /// The keys file, when the keys come from one (`nil`: the `--api-key`/`--app-key` shortcut).
    public let path: String?
    private let current: Mutex<APIKeyring>

    /// Keys read once (the shortcut) or from `path`.
    public init(_ keyring: APIKeyring, path: String? = nil) {
        self.path = path
        self.current = Mutex(keyring)
    }

    /// Reads the keys file at `path`.
    /// - Throws: ``KeysFileError`` naming the line and field of the problem.
    public convenience init(path: String) throws(KeysFileError) {
        self.init(try KeysFile.load(path: path), path: path)
    }

    /// The keys in force.
    public var keyring: APIKeyring { current.withLock { $0 } }

    /// Reads the keys file again and puts its keys in force; a file with a problem changes nothing.
    /// - Returns: the number of keys now in force, `nil` when the keys come from no file.
    /// - Throws: ``KeysFileError``: the old keys stay in force.
    @discardableResult
    public func reload() throws(KeysFileError) -> Int? {
        guard let path else { return nil }
        let keyring = try KeysFile.load(path: path)
        current.withLock { $0 = keyring }
        return keyring.keys.count
    }
}
