import Foundation
import Logging
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowScript
import WorkflowStore
import WorkflowTestSupport

/// Runs workflows whose AWS steps call a moto server: the core, AWS and JavaScript actions, an executor over a
/// memory store, and either an AWS connection (`aws-moto`, keys from variables) or the `AWS_*` environment.
enum AWSWorkflowHarness {
    static let engine = JavaScriptEngine()

    /// The connections file of the tests: `aws-moto` and the wild specs' `INTEGRATION_AWS`, both on `server`.
    static func connections(_ server: AWSMotoServer, extra: [String: JSONValue] = [:]) throws -> ConnectionResolver {
        let moto: JSONValue = [
            "aws": [
                "accessKeyId": "${MOTO_KEY}", "secretAccessKey": "${MOTO_SECRET}", "region": "us-east-1",
                "endpointUrl": .string(server.endpoint),
            ]
        ]
        var entries: [String: JSONValue] = ["aws-moto": moto, "INTEGRATION_AWS": moto]
        entries.merge(extra) { _, new in new }
        let catalog = try ConnectionCatalog(json: ["connections": .object(entries)])
        return ConnectionResolver(
            catalog: catalog,
            environment: ["MOTO_KEY": server.admin.accessKeyId, "MOTO_SECRET": server.admin.secretAccessKey])
    }

    /// The environment of steps without a connection: moto's endpoint and the administrator's keys.
    static func environment(_ server: AWSMotoServer) -> [String: String] {
        [
            "AWS_ENDPOINT_URL": server.endpoint, "AWS_ACCESS_KEY_ID": server.admin.accessKeyId,
            "AWS_SECRET_ACCESS_KEY": server.admin.secretAccessKey, "AWS_REGION": "us-east-1",
        ]
    }

    /// Runs `spec` (JSON) once and returns its summary.
    static func run(
        _ spec: JSONValue, on server: AWSMotoServer, trigger: TriggerKind = .workflow,
        inputs: [String: JSONValue] = [:], source: JSONValue = .emptyObject,
        connections: ConnectionResolver? = nil
    ) async throws -> InstanceSummary {
        let report = WorkflowDocument(json: spec).report
        let validated = try #require(report.validated?.spec, "spec does not validate: \(report)")
        var registry = ActionRegistry.core()
        registry.registerAWS(AWSAction(environment: environment(server), files: AWSSharedFiles()))
        registry.registerDataTransformation(engine: engine)
        let store = MemoryInstanceStore()
        let executor = WorkflowExecutor(
            registry: registry, connections: try connections ?? Self.connections(server), store: store,
            logger: Logger(label: "aws-test"))
        async let running: Void = executor.run()
        do {
            let plan = try ExecutionPlan(spec: validated, workflowId: "wf-aws", workflowName: "AWS")
            let id = try await executor.start(
                StartRequest(plan: plan, trigger: trigger, sourceKind: trigger.rawValue, source: source, inputs: inputs)
            )
            _ = await executor.wait(for: id)
            let summary = try #require(try await store.instance(id: id))
            await executor.shutdown()
            await running
            return summary
        } catch {
            await executor.shutdown()
            await running
            throw error
        }
    }

    /// A spec of `steps` run one after the other, each on connection `aws-moto` unless `connection` is nil.
    static func chain(
        _ steps: [(name: String, action: String, parameters: JSONValue)], connection: String? = "aws-moto"
    )
        -> JSONValue
    {
        var items: [JSONValue] = []
        for (index, step) in steps.enumerated() {
            var parameters: [JSONValue] = []
            for (name, value) in (step.parameters.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                parameters.append(["name": .string(name), "value": value])
            }
            var item: [String: JSONValue] = [
                "name": .string(step.name), "actionId": .string(step.action), "parameters": .array(parameters),
            ]
            if let connection { item["connectionLabel"] = .string(connection) }
            if index + 1 < steps.count {
                item["outboundEdges"] = [["nextStepName": .string(steps[index + 1].name), "branchName": "main"]]
            }
            items.append(.object(item))
        }
        var spec: [String: JSONValue] = [
            "triggers": [["workflowTrigger": [:], "startStepNames": [.string(steps.first?.name ?? "")]]],
            "steps": .array(items),
        ]
        if let connection {
            spec["connectionEnvs"] = [
                [
                    "env": "default",
                    "connections": [["connectionId": .string(connection), "label": .string(connection)]],
                ]
            ]
        }
        return .object(spec)
    }

    /// The outputs of step `name`.
    static func outputs(_ summary: InstanceSummary, _ name: String) -> JSONValue {
        summary.steps.first { $0.name == name }?.outputs ?? .null
    }

    /// The error message of step `name`.
    static func errorMessage(_ summary: InstanceSummary, _ name: String) -> String {
        summary.steps.first { $0.name == name }?.error?.message ?? ""
    }

    /// A copied wild spec of `Tests/Fixtures/wild-specs-aws/`. Two EBS blueprints name the label
    /// `INTEGRATION_AWS` without declaring it in `connectionEnvs`, which Stepwise refuses: it is declared here.
    static func wildSpec(_ name: String) throws -> JSONValue {
        var spec = try TestSupport.loadJSON(
            TestSupport.fixturesDirectory.appendingPathComponent("wild-specs-aws/\(name).json"))
        if case .object(var members) = spec, members["connectionEnvs"] == nil {
            members["connectionEnvs"] = [
                ["env": "default", "connections": [["connectionId": "INTEGRATION_AWS", "label": "INTEGRATION_AWS"]]]
            ]
            spec = .object(members)
        }
        return spec
    }
}
