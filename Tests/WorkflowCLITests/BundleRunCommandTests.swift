import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run --credentials DIR` with the bundle actions for real, through the built binary: the PostgreSQL
/// bundle against the test server, the Kubernetes bundle against an HTTPS stand-in named by `$HOME/.kube/config`.
@Suite("Bundle actions through stepwise run")
struct BundleRunCommandTests {
    /// A folder with `INTEGRATION_<NAME>.json` and a workflow file of `steps` on that connection.
    private func prepare(
        label: String, tokens: [String: String], steps: [[String: JSONValue]], outputs: [(String, String, String)]
    ) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-bundle-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try BundleWorkflow.writeCredentials(tokens, label: label, in: directory)
        var chained = steps
        for index in chained.indices {
            chained[index]["connectionLabel"] = .string(label)
            if index + 1 < chained.count {
                chained[index]["outboundEdges"] = [
                    ["nextStepName": chained[index + 1]["name"] ?? "", "branchName": "main"]
                ]
            }
        }
        let spec: JSONValue = [
            "triggers": [["workflowTrigger": .emptyObject, "startStepNames": [chained.first?["name"] ?? ""]]],
            "steps": .array(chained.map(JSONValue.object)),
            "outputSchema": [
                "parameters": .array(
                    outputs.map { ["name": .string($0.0), "type": .string($0.1), "value": .string($0.2)] })
            ],
        ]
        try spec.prettyJSON.write(
            to: directory.appendingPathComponent("workflow.json"), atomically: true, encoding: .utf8)
        return directory
    }

    private static func step(_ name: String, _ action: String, _ parameters: [String: JSONValue]) -> [String: JSONValue]
    {
        [
            "name": .string(name), "actionId": .string(action),
            "parameters": .array(
                parameters.sorted { $0.key < $1.key }.map { ["name": .string($0.key), "value": $0.value] }),
        ]
    }

    @Test(
        "a PostgreSQL select runs for real from a runner credential file, its parameter bound",
        .enabled(if: TestPostgres.isConfigured, "\(TestPostgres.skipReason)"))
    func postgresql() async throws {
        let parts = try #require(TestPostgres.url.flatMap { URLComponents(string: $0) })
        let tokens = [
            "host": parts.host ?? "", "port": String(parts.port ?? 5432), "user": parts.user ?? "",
            "password": parts.password ?? "", "database": String(parts.path.dropFirst()), "sslmode": "disable",
        ]
        let directory = try prepare(
            label: "PG", tokens: tokens,
            steps: [
                Self.step(
                    "Ask", "com.datadoghq.postgresql.select",
                    ["columns": ["$1::text || '!' AS shout", "2 + 2 AS four"], "parameters": ["it's'; --"]])
            ],
            outputs: [
                ("shout", "STRING", "{{ Steps.Ask.results[0][0] }}"),
                ("four", "NUMBER", "{{ Steps.Ask.results[0][1] }}"),
                ("columns", "ARRAY_STRING", "{{ Steps.Ask.columns }}"),
            ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await StepwiseProcess.run([
            "run", directory.appendingPathComponent("workflow.json").path, "--credentials", directory.path, "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let outputs = try JSONValue.parse(result.stdout)["data"]?["attributes"]?["outputs"]
        #expect(outputs == ["shout": "it's'; --!", "four": 4, "columns": ["shout", "four"]])
    }

    @Test("a Kubernetes get reads ~/.kube/config's context over HTTPS, trusting the cluster CA")
    func kubernetes() async throws {
        let certificates = try await TestCertificates.make()
        defer { try? FileManager.default.removeItem(at: certificates.directory) }
        let context = try await certificates.serverContext("apiserver")
        let answer: @Sendable (StandInServer.Request) -> StandInServer.Response = { request in
            guard request.headers["authorization"] == "Bearer cli-token-1234",
                request.path == "/apis/apps/v1/namespaces/shop/deployments/web"
            else { return .json(["kind": "Status", "message": "Unauthorized", "code": 401], status: 401) }
            return .json([
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": ["replicas": 3],
            ])
        }
        try await StandInServer.with(tls: context, answer) { server in
            let home = certificates.directory.appendingPathComponent("home")
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent(".kube"), withIntermediateDirectories: true)
            let authority = try Data(contentsOf: URL(fileURLWithPath: certificates.authority)).base64EncodedString()
            try """
            apiVersion: v1
            clusters: [{name: local, cluster: {server: "\(server.baseURL)", certificate-authority-data: "\(authority)"}}]
            users: [{name: me, user: {token: cli-token-1234}}]
            contexts: [{name: local, context: {cluster: local, user: me}}]
            """.write(to: home.appendingPathComponent(".kube/config"), atomically: true, encoding: .utf8)
            let directory = try prepare(
                label: "K8S", tokens: ["context": "local"],
                steps: [
                    Self.step(
                        "Get", "com.datadoghq.kubernetes.apps.getDeployment", ["namespace": "shop", "name": "web"])
                ],
                outputs: [
                    ("replicas", "NUMBER", "{{ Steps.Get.spec.replicas }}"),
                    ("deployment", "OBJECT", "{{ Steps.Get }}"),
                ])
            defer { try? FileManager.default.removeItem(at: directory) }
            let result = try await StepwiseProcess.run(
                [
                    "run", directory.appendingPathComponent("workflow.json").path, "--credentials", directory.path,
                    "--json",
                ],
                environment: ["HOME": home.path])
            #expect(result.status == 0, "\(result.stderr)")
            let outputs = try JSONValue.parse(result.stdout)["data"]?["attributes"]?["outputs"]
            #expect(outputs?["replicas"] == 3)
            #expect(outputs?["deployment"] == ["metadata": ["name": "web"], "spec": ["replicas": 3]])
            #expect(!result.stdout.contains("cli-token-1234") && !result.stderr.contains("cli-token-1234"))
        }
    }
}
