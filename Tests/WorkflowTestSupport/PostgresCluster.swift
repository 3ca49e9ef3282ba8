import Foundation

/// A throwaway PostgreSQL cluster of a test's own, started with `scripts/postgres-dev` on a free port in a new
/// folder (trust authentication, role and database `stepwise`), for tests that change the server's settings.
/// Stop it with ``stop()``. Used by one thread at a time: unchecked.
public final class PostgresCluster: @unchecked Sendable {
    /// `postgres://stepwise@127.0.0.1:PORT/stepwise`.
    public let url: String
    /// The port it listens on (127.0.0.1).
    public let port: Int
    /// The cluster's files (`data/` holds `postgresql.conf`).
    public let folder: URL
    private let environment: [String: String]

    private init(url: String, port: Int, folder: URL, environment: [String: String]) {
        self.url = url
        self.port = port
        self.folder = folder
        self.environment = environment
    }

    /// Whether Debian's PostgreSQL binaries are installed (`/usr/lib/postgresql/*/bin/pg_ctl`).
    public static var binariesInstalled: Bool {
        let found = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")
        return (found ?? []).contains {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/pg_ctl")
        }
    }

    /// Blocking: initialises and starts a new cluster.
    public static func start() throws -> PostgresCluster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-pg-own-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try TestSupport.unusedPort()
        let environment = ["STEPWISE_PG_PORT": "\(port)", "STEPWISE_PG_DIR": folder.appendingPathComponent("pg").path]
        let started = try script("start", environment: environment)
        return PostgresCluster(
            url: started.trimmingCharacters(in: .whitespacesAndNewlines), port: port, folder: folder,
            environment: environment)
    }

    /// The data directory (`postgresql.conf`, `server.crt`, …).
    public var dataDirectory: URL { folder.appendingPathComponent("pg/data") }

    /// Copies a server certificate and key into the data directory as `server.crt` and `server.key` (PostgreSQL's
    /// default `ssl_cert_file` and `ssl_key_file`), owned by the server's user with mode 0600, as it requires.
    public func installCertificate(certificate: String, key: String) throws {
        let owner = try FileManager.default.attributesOfItem(atPath: dataDirectory.path)[.ownerAccountID]
        for (source, name) in [(certificate, "server.crt"), (key, "server.key")] {
            let target = dataDirectory.appendingPathComponent(name).path
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: source, toPath: target)
            var attributes: [FileAttributeKey: Any] = [.posixPermissions: 0o600]
            if let owner { attributes[.ownerAccountID] = owner }
            try FileManager.default.setAttributes(attributes, ofItemAtPath: target)
        }
    }

    /// Blocking: stops the server and removes its files.
    public func stop() throws {
        _ = try Self.script("stop", environment: environment)
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `scripts/postgres-dev command`; its stdout. The server it starts keeps every descriptor it inherits (a
    /// pipe would never see its end): Python's `subprocess` starts the script with only stdin, stdout and stderr,
    /// into files.
    public static func script(_ command: String, environment: [String: String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("postgres-dev-\(UUID()).out")
        let errors = output.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import subprocess, sys
            with open(sys.argv[3], "w") as out, open(sys.argv[4], "w") as err:
                sys.exit(subprocess.run(sys.argv[1:3], stdin=subprocess.DEVNULL, stdout=out, stderr=err).returncode)
            """,
            TestSupport.repositoryRoot.appendingPathComponent("scripts/postgres-dev").path, command, output.path,
            errors.path,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let problem = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw PostgresClusterError(description: "postgres-dev \(command): \(problem)")
        }
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
}

/// `scripts/postgres-dev` failed.
public struct PostgresClusterError: Error, CustomStringConvertible {
    /// What it said.
    public var description: String

    public init(description: String) { self.description = description }
}
