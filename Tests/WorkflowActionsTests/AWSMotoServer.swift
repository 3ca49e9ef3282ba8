import Foundation
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// moto in server mode as a child process on 127.0.0.1 (a free port), with request signing checked: the first
/// three calls create an administrator (`admin`), whose keys every later call must sign with.
///
/// `@unchecked Sendable`: `process` is only killed and waited for, once, by ``stop()``. moto's server does not
/// exit on SIGTERM, so it gets SIGKILL.
final class AWSMotoServer: @unchecked Sendable {
    /// The Python that runs moto: the one on `PATH`, when `moto_server` is installed there too
    /// (`pip install 'moto[server]'`).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin"
        let find = { (name: String) in
            path.split(separator: ":").map { "\($0)/\(name)" }.first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
        }
        return find("moto_server") == nil ? nil : find("python3")
    }()

    /// Whether the moto tests can run here; they are skipped otherwise.
    static var isInstalled: Bool { executable != nil }

    /// moto's server with the two operations moto lacks (see the script's header).
    static let script = TestSupport.fixturesDirectory.appendingPathComponent("moto/moto_server_plus.py").path

    let endpoint: String
    let process: ChildProcess
    /// The administrator's keys (signature checks are on after the bootstrap calls).
    let admin: AWSCredentials

    private init(endpoint: String, process: ChildProcess, admin: AWSCredentials) {
        self.endpoint = endpoint
        self.process = process
        self.admin = admin
    }

    /// Starts moto, waits until it answers, turns Lambda's Docker use off and creates the administrator.
    static func start() async throws -> AWSMotoServer {
        guard let executable else { throw MotoError("moto_server is not installed") }
        let port = try TestSupport.unusedPort()
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [script, "-H", "127.0.0.1", "-p", "\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        for name in environment.keys where name.hasPrefix("AWS_") { environment[name] = nil }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let endpoint = "http://127.0.0.1:\(port)"
        do {
            try await waitUntilReady(endpoint)
            let http = HTTPAction()
            _ = try await http.run(
                ActionInvocation(
                    stepName: "config", actionId: "",
                    inputs: [
                        "url": .string(endpoint + "/moto-api/config"), "verb": "POST",
                        "body": ["lambda": ["use_docker": false]],
                    ]))
            let bootstrap = AWSCredentials(accessKeyId: "AKIABOOTSTRAP0000000", secretAccessKey: "bootstrap")
            let raw = AWSRawClient(endpoint: endpoint, credentials: bootstrap)
            _ = try await raw.query(.iam, "CreateUser", ["UserName": "admin"])
            let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
            _ = try await raw.query(
                .iam, "PutUserPolicy", ["UserName": "admin", "PolicyName": "all", "PolicyDocument": .string(policy)])
            let key = try await raw.query(.iam, "CreateAccessKey", ["UserName": "admin"])
            guard let id = key["AccessKey"]?["AccessKeyId"]?.stringValue,
                let secret = key["AccessKey"]?["SecretAccessKey"]?.stringValue
            else { throw MotoError("CreateAccessKey returned no key: \(key)") }
            return AWSMotoServer(
                endpoint: endpoint, process: process, admin: AWSCredentials(accessKeyId: id, secretAccessKey: secret))
        } catch {
            kill(process.processIdentifier, SIGKILL)
            _ = try? await TestSupport.offThePool { process.waitUntilExit() }
            throw error
        }
    }

    /// Runs `body` with a fresh server, stopping it afterwards.
    static func with(_ body: (AWSMotoServer) async throws -> Void) async throws {
        let server = try await start()
        do {
            try await body(server)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    /// A raw signed client as the administrator.
    var raw: AWSRawClient { AWSRawClient(endpoint: endpoint, credentials: admin) }

    func stop() async {
        kill(process.processIdentifier, SIGKILL)
        _ = try? await TestSupport.offThePool { [process] in process.waitUntilExit() }
    }

    private static func waitUntilReady(_ endpoint: String) async throws {
        let http = HTTPAction(configuration: HTTPAction.Configuration(taskTimeoutSeconds: 2))
        for _ in 0..<600 {
            let probe = ActionInvocation(
                stepName: "probe", actionId: "", inputs: ["url": .string(endpoint + "/moto-api/data.json")])
            if (try? await http.run(probe)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw MotoError("moto did not answer on \(endpoint) within 60 s")
    }
}

/// A moto test set-up failure.
struct MotoError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Signed calls outside any workflow: preparing resources in moto and reading them back.
struct AWSRawClient: Sendable {
    let endpoint: String
    let credentials: AWSCredentials
    let region = "us-east-1"

    private var context: AWSContext {
        get throws {
            try AWSContext.resolve(
                settings: AWSConnectionSettings(
                    accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                    region: region, endpointUrl: endpoint), environment: [:], files: AWSSharedFiles())
        }
    }

    /// A query-protocol call; the result's members.
    func query(
        _ service: AWSService, _ operation: String, _ parameters: [String: JSONValue]
    ) async throws
        -> [String: JSONValue]
    {
        guard case .query(let version, let ec2Style) = service.wireProtocol else { throw MotoError("not query") }
        let context = try context
        let items = AWSQueryProtocol.items(
            operation: operation, version: version,
            parameters: parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            ec2Style: ec2Style)
        let request = AWSQueryProtocol.request(items: items, endpoint: context.endpoint(for: service, region: region))
        let response = try await AWSClient().send(
            request, signer: context.signer(for: service, region: region), operation: operation)
        return try AWSQueryProtocol.result(of: response, operation: operation, ec2Style: ec2Style).members
    }

    /// A JSON-protocol call; the response object.
    func json(_ service: AWSService, _ operation: String, _ body: JSONValue) async throws -> JSONValue {
        guard case .json(let prefix, let version) = service.wireProtocol else { throw MotoError("not JSON") }
        let context = try context
        let target = context.endpoint(for: service, region: region)
        let request = AWSRequest(
            method: "POST", scheme: target.scheme, host: target.host, path: "/",
            headers: [
                AWSRequest.Header("X-Amz-Target", "\(prefix).\(operation)"),
                AWSRequest.Header("Content-Type", "application/x-amz-json-\(version)"),
            ], body: Array(body.compactJSON.utf8))
        let response = try await AWSClient().send(
            request, signer: context.signer(for: service, region: region), operation: operation)
        return response.body.isEmpty ? .emptyObject : try JSONValue.parse(Data(response.body))
    }

    /// A REST call (S3, Lambda); the response.
    func rest(
        _ service: AWSService, _ method: String, _ path: String, query: [AWSRequest.QueryItem] = [],
        headers: [AWSRequest.Header] = [], body: String = ""
    ) async throws -> AWSResponse {
        let context = try context
        let target = context.endpoint(for: service, region: region)
        let request = AWSRequest(
            method: method, scheme: target.scheme, host: target.host, path: path, query: query, headers: headers,
            body: Array(body.utf8))
        return try await AWSClient().send(
            request, signer: context.signer(for: service, region: region), operation: "\(method) \(path)")
    }
}
