import Foundation

extension ConnectionCatalog {
    /// Adds one connection per `*.json` runner credential file of `directory` (as the runner keeps them in
    /// `/etc/dd-action-runner/config/credentials/`), named by the file name without `.json`; an entry of the
    /// connections file with the same name wins. Such connections have no base URL (no host check).
    /// - Throws: ``ConnectionError`` `.unreadable` when the directory cannot be listed; files are read when a
    ///   step uses them.
    public mutating func addCredentialFiles(directory: String) throws(ConnectionError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConnectionError(.unreadable, "cannot read the credentials directory \(directory)")
        }
        for name in names.sorted() where name.hasSuffix(".json") {
            let key = String(name.dropLast(".json".count))
            guard entries[key] == nil else { continue }
            var entry = Entry(baseURL: "", headerTemplates: [:])
            entry.credentialFile = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            entries[key] = entry
        }
    }
}
