import Foundation
import Testing
import WorkflowActions
import WorkflowModel
import WorkflowTestSupport

@Suite("AWS action table")
struct AWSCatalogTests {
    @Test("every AWS action id of the copied blueprints is in the table and registered")
    func blueprintsCovered() throws {
        var registry = ActionRegistry()
        registry.registerAWS()
        let directory = TestSupport.fixturesDirectory.appendingPathComponent("wild-specs-aws")
        var seen: Set<String> = []
        for url in TestSupport.jsonFiles(in: directory) {
            for step in try TestSupport.loadJSON(url)["steps"]?.arrayValue ?? [] {
                guard let id = step["actionId"]?.stringValue, id.hasPrefix("com.datadoghq.aws.") else { continue }
                seen.insert(id)
                #expect(AWSActionCatalog.definition(id) != nil, "\(id) in \(url.lastPathComponent)")
                #expect(registry.action(for: id) != nil)
            }
        }
        #expect(seen.count >= 15)
        #expect(AWSActionCatalog.definitions.count == 24)
        #expect(Set(AWSActionCatalog.definitions.map(\.id)).count == 24)
    }

    @Test("a dry run's default outputs are the documented shape, amzRequestId included")
    func defaultMocks() {
        #expect(
            AWSActionCatalog.defaultMock(for: "com.datadoghq.aws.iam.listAccessKeys")
                == ["accessKeyMetadata": [], "isTruncated": false, "marker": "", "amzRequestId": ""])
        #expect(AWSActionCatalog.defaultMock(for: "com.datadoghq.aws.lambda.invoke_lambda")?["statusCode"] == 200)
        #expect(AWSActionCatalog.defaultMock(for: "com.datadoghq.http.request") == nil)
        for definition in AWSActionCatalog.definitions where definition.composite != .disableUser {
            #expect(definition.mockOutputs["amzRequestId"] == "", "\(definition.id)")
        }
    }

    @Test("an unknown action id, a missing input or an empty bucket fail before anything is sent")
    func inputChecks() async {
        let action = AWSAction(
            environment: ["AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "s"], files: AWSSharedFiles())
        let cases: [(String, [String: JSONValue], String)] = [
            ("com.datadoghq.aws.iam.nope", [:], "is not an AWS action"),
            ("com.datadoghq.aws.s3.putObject", ["bucket": "", "key": "k"], "input \"bucket\" is required"),
            ("com.datadoghq.aws.ec2.describe_ec2_instances", ["region": 3], "input \"region\" must be"),
            (
                "com.datadoghq.aws.wafv2.add_to_ip_set", ["ipSetName": "a", "ipSetId": "b"],
                "\"addressesToAdd\" is required"
            ),
        ]
        for (id, inputs, expected) in cases {
            do {
                _ = try await action.run(ActionInvocation(stepName: "s", actionId: id, inputs: inputs))
                Issue.record("\(id) ran")
            } catch {
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }

    @Test("endpoints: AWS's own per region (IAM global), or an override with its port and path")
    func endpoints() {
        #expect(AWSEndpoint.standard(for: .s3, region: "eu-west-1").host == "s3.eu-west-1.amazonaws.com")
        #expect(AWSEndpoint.standard(for: .iam, region: "eu-west-1").host == "iam.amazonaws.com")
        #expect(AWSEndpoint.standard(for: .ecs, region: "cn-north-1").host == "ecs.cn-north-1.amazonaws.com.cn")
        let local = AWSEndpoint(override: "http://127.0.0.1:4566/aws/")
        #expect(local?.host == "127.0.0.1:4566")
        #expect(local?.basePath == "/aws")
        #expect(local?.isOverride == true)
        #expect(AWSEndpoint(override: "https://h.example")?.host == "h.example")
        #expect(AWSEndpoint(override: "h.example") == nil)
    }
}
