import Foundation
import PostgresStore
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore
import WorkflowTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server restarting under a running `stepwise serve` (docs/scale-out.md): the server's instances
/// are mid-run when every connection is cut; the process reconnects, the turns it could not write meanwhile are
/// written once the server is back, and every instance ends as it would have without the restart.
///
/// The test starts a throwaway cluster of its own (`scripts/postgres-dev`, on a free port) and restarts it; it is
/// skipped without Debian's PostgreSQL binaries, and fails then when `STEPWISE_REQUIRE_POSTGRES=1` (CI).
@Suite("PostgreSQL restarting under a running server")
struct PostgresRestartCommandTests {
    static let instances = 30
    static let steps = 12

    static var binariesInstalled: Bool { PostgresCluster.binariesInstalled }

    @Test(
        "every instance running during a restart ends as without it: no turn lost, no step run twice",
        .enabled(
            if: binariesInstalled || TestPostgres.isRequired,
            "no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql; scripts/setup does)"))
    func restartUnderServe() async throws {
        try #require(Self.binariesInstalled, "STEPWISE_REQUIRE_POSTGRES=1 but PostgreSQL is not installed")
        let cluster = try await TestSupport.offThePool { try Cluster.start() }
        do {
            try await check(cluster)
        } catch {
            try? await TestSupport.offThePool { try cluster.stop() }
            throw error
        }
        try await TestSupport.offThePool { try cluster.stop() }
    }

    private func check(_ cluster: Cluster) async throws {
        // Statements in flight when the connections are cut fail and are tried again (the server's log says
        // `trying again until the store answers`); the others wait in the pool for a new connection. Which turns
        // meet the cut depends on timing, so what is checked is the outcome.
        let ids = try await TestSupport.offThePool { try cluster.runScenario() }
        #expect(ids.count == Self.instances)
        let store = try await PostgresStore.open(cluster.url)
        defer { Task { await store.close() } }
        for id in ids {
            let summary = try await store.instance(id: id)
            #expect(summary?.status == .succeeded, "\(id): \(String(describing: summary?.status))")
            let journal = try await store.journal(instance: id)
            #expect(journal.map(\.sequence) == Array(0..<journal.count), "\(id): sequences with gaps")
            var started: [String: Int] = [:]
            var succeeded: [String: Int] = [:]
            for entry in journal {
                switch entry.event {
                case .stepStarted(let step, _, _): started[step, default: 0] += 1
                case .stepSucceeded(let step, _, _, _): succeeded[step, default: 0] += 1
                default: break
                }
            }
            let expected = Dictionary(uniqueKeysWithValues: (0..<Self.steps).map { ("S\($0)", 1) })
            #expect(started == expected, "\(id): steps started \(started)")
            #expect(succeeded == expected, "\(id): steps succeeded \(succeeded)")
        }
    }

    /// The throwaway cluster, the server and its files. Used by one thread at a time: unchecked.
    final class Cluster: @unchecked Sendable {
        let folder: URL
        let url: String
        let environment: [String: String]
        private var server: ChildProcess?

        private init(folder: URL, url: String, environment: [String: String]) {
            self.folder = folder
            self.url = url
            self.environment = environment
        }

        static func start() throws -> Cluster {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-pg-restart-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let environment = [
                "STEPWISE_PG_PORT": "\(try TestSupport.unusedPort())",
                "STEPWISE_PG_DIR": folder.appendingPathComponent("pg").path,
            ]
            let started = try script("start", environment: environment)
            return Cluster(
                folder: folder, url: started.trimmingCharacters(in: .whitespacesAndNewlines), environment: environment)
        }

        /// Runs `scripts/postgres-dev command`; its stdout.
        private static func script(_ command: String, environment: [String: String]) throws -> String {
            try PostgresCluster.script(command, environment: environment)
        }

        func stop() throws {
            if let server, server.isRunning {
                server.terminate()
                server.waitUntilExit()
            }
            _ = try Self.script("stop", environment: environment)
            try? FileManager.default.removeItem(at: folder)
        }

        /// Blocking: creates the workflow, starts `serve`, starts the instances, restarts PostgreSQL while they
        /// run and waits until every one ended. Returns their ids.
        func runScenario() throws -> [String] {
            let steps: [JSONValue] = (0..<PostgresRestartCommandTests.steps).map { index in
                var step: [String: JSONValue] = [
                    "name": .string("S\(index)"), "actionId": "com.datadoghq.core.sleep",
                    "parameters": [["name": "durationSeconds", "value": 0.25]],
                ]
                if index + 1 < PostgresRestartCommandTests.steps {
                    step["outboundEdges"] = [["nextStepName": .string("S\(index + 1)"), "branchName": "main"]]
                }
                return .object(step)
            }
            let spec: JSONValue = [
                "triggers": [["apiTrigger": .emptyObject, "startStepNames": ["S0"]]], "steps": .array(steps),
            ]
            let file = folder.appendingPathComponent("naps.json")
            try Data(spec.compactJSON.utf8).write(to: file)
            let workflow = "00000000-0000-4000-8000-000000000042"
            let created = try StepwiseProcess.runBlocking([
                "workflows", "create", file.path, "--id", workflow, "--db", url,
            ])
            guard created.status == 0 else { throw LocalHTTP.Failure(description: created.stderr) }

            let log = folder.appendingPathComponent("serve.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let server = ChildProcess()
            server.executableURL = StepwiseProcess.binary
            server.arguments = ["serve", "--port", "0", "--db", url]
            server.currentDirectoryURL = folder
            server.standardOutput = FileHandle.nullDevice
            server.standardError = try FileHandle(forWritingTo: log)
            try server.run()
            self.server = server
            let port = try Self.port(from: log)

            var ids: [String] = []
            for _ in 0..<PostgresRestartCommandTests.instances {
                let answer = try LocalHTTP.send(
                    "POST", port: port, "/api/v2/workflows/\(workflow)/instances", body: #"{"meta":{"payload":{}}}"#)
                guard answer.status == 200, let id = try JSONValue.parse(answer.body)["data"]?["id"]?.stringValue
                else { throw LocalHTTP.Failure(description: "start: \(answer.status) \(answer.body)") }
                ids.append(id)
            }
            // The instances are a second into their three seconds of naps: every connection is cut now.
            usleep(1_000_000)
            _ = try Self.script("restart", environment: environment)

            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let answer = try? LocalHTTP.send(
                    "GET", port: port, "/api/v2/workflows/\(workflow)/instances?page[size]=100")
                let statuses =
                    (try? answer.map { try JSONValue.parse($0.body) })??["data"]?.arrayValue?.compactMap {
                        $0["attributes"]?["instanceStatus"]?["detailsKind"]?.stringValue
                    } ?? []
                if statuses.count == ids.count, !statuses.contains("IN_PROGRESS") { break }
                usleep(250_000)
            }
            return ids
        }

        /// The port `serve` printed in `log` (30 s at most).
        private static func port(from log: URL) throws -> Int {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: "listening on http://127.0.0.1:") {
                    return Int(text[range.upperBound...].prefix(while: \.isNumber)) ?? 0
                }
                usleep(20_000)
            }
            throw LocalHTTP.Failure(description: "serve did not start")
        }
    }
}
