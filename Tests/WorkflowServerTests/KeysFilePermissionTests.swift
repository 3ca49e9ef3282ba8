import Foundation
import Testing
import WorkflowServer

/// A keys file group or others may read or write is refused, as ssh refuses such a private key file: at start
/// (`KeysFile.load`) and on a SIGHUP reload, where the keys in force stay.
@Suite("Keys file permissions")
struct KeysFilePermissionTests {
    static let text = """
        keys:
          - name: ops
            apiKeyHash: \(KeyDigest(hashing: "api"))
            appKeyHash: \(KeyDigest(hashing: "app"))
            scopes: [workflows_read]
        """

    /// Writes the keys file with `mode` in a new folder; returns its path.
    static func write(mode: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-keys-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("keys.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test(
        "modes 600 and 400 are read; a group or other bit is refused with the mode and the fix",
        arguments: [
            (0o600, true), (0o400, true), (0o640, false), (0o604, false), (0o620, false), (0o644, false),
            (0o666, false),
        ])
    func modes(mode: Int, accepted: Bool) throws {
        let path = try Self.write(mode: mode)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        if accepted {
            #expect(try KeysFile.load(path: path).keys.map(\.name) == ["ops"])
        } else {
            let error = #expect(throws: KeysFileError.self) { try KeysFile.load(path: path) }
            #expect(error?.code == .permissions)
            #expect(
                error?.description.contains("mode \(String(mode, radix: 8))") == true, "\(String(describing: error))")
            #expect(error?.description.contains("chmod 600 \(path)") == true)
        }
    }

    @Test("a reload of a file made readable by others is refused; the keys in force stay")
    func reloadRefused() throws {
        let path = try Self.write(mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let source = try KeyringSource(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let error = #expect(throws: KeysFileError.self) { try source.reload() }
        #expect(error?.code == .permissions)
        #expect(source.keyring.keys.map(\.name) == ["ops"])
    }
}
