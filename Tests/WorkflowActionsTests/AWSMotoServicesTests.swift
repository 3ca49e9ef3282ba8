import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// S3, Lambda, ECS and WAFv2 actions in workflows against moto; what they changed is read back with raw signed
/// requests.
@Suite(
    "AWS S3, Lambda, ECS and WAFv2 against moto", .serialized,
    .enabled(if: AWSMotoServer.isInstalled, "moto is not installed"))
struct AWSMotoServicesTests {
    private typealias Harness = AWSWorkflowHarness
    private let s3 = "com.datadoghq.aws.s3."

    private func text(_ response: AWSResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test("putObject, block_public_access, enable_default_bucket_encryption, set_canned_acl; blueprints too")
    func buckets() async throws {
        try await AWSMotoServer.with { server in
            _ = try await server.raw.rest(.s3, "PUT", "/reports")
            let summary = try await Harness.run(
                Harness.chain([
                    (
                        "Put", s3 + "putObject",
                        [
                            "region": "us-east-1", "bucket": "reports", "key": "daily/a b.csv",
                            "body": "id,state\n1,ok\n",
                            "contentType": "text/csv",
                        ]
                    ),
                    ("Block", s3 + "block_public_access", ["bucket": "reports"]),
                    ("Encrypt", s3 + "enable_default_bucket_encryption", ["bucket": "reports", "keyType": "AES256"]),
                    ("Acl", s3 + "set_canned_acl", ["bucket": "reports", "cannedAcl": "private"]),
                ]), on: server)
            #expect(summary.status == .succeeded, "\(summary.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(summary, "Put")["eTag"]?.stringValue?.isEmpty == false)
            #expect(Harness.outputs(summary, "Block")["amzRequestId"] != .null)
            let object = try await server.raw.rest(.s3, "GET", "/reports/daily/a b.csv")
            #expect(text(object) == "id,state\n1,ok\n")
            #expect(object.header("content-type") == "text/csv")
            let block = try await server.raw.rest(
                .s3, "GET", "/reports", query: [AWSRequest.QueryItem("publicAccessBlock", "")])
            let settings = try AWSXML.parse(block.body).json()
            #expect(settings["BlockPublicAcls"] == true && settings["RestrictPublicBuckets"] == true)
            let encryption = try await server.raw.rest(
                .s3, "GET", "/reports", query: [AWSRequest.QueryItem("encryption", "")])
            #expect(text(encryption).contains("<SSEAlgorithm>AES256</SSEAlgorithm>"))

            _ = try await server.raw.rest(.s3, "PUT", "/exposed")
            let blocked = try await Harness.run(
                try Harness.wildSpec("s3-block-public-access"), on: server, inputs: ["bucketName": "exposed"])
            let encrypted = try await Harness.run(
                try Harness.wildSpec("s3-enable-default-bucket-encryption"), on: server,
                inputs: ["bucketName": "exposed"])
            let acl = try await Harness.run(
                try Harness.wildSpec("s3-set-canned-acl"), on: server,
                inputs: ["bucketName": "exposed", "cannedACL": "public-read"])
            #expect([blocked.status, encrypted.status, acl.status] == [.succeeded, .succeeded, .succeeded])
            let grants = try await server.raw.rest(.s3, "GET", "/exposed", query: [AWSRequest.QueryItem("acl", "")])
            #expect(text(grants).contains("http://acs.amazonaws.com/groups/global/AllUsers"))

            let missing = try await Harness.run(
                Harness.chain([("Block", s3 + "block_public_access", ["bucket": "no-such-bucket"])]), on: server)
            #expect(Harness.errorMessage(missing, "Block").contains("(HTTP 404 NoSuchBucket)"))
        }
    }

    @Test("invoke_lambda: synchronous and Event invocations")
    func lambda() async throws {
        try await AWSMotoServer.with { server in
            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
            let role = try await server.raw.query(
                .iam, "CreateRole", ["RoleName": "lambda-exec", "AssumeRolePolicyDocument": .string(trust)])
            let function: JSONValue = [
                "FunctionName": "greeter", "Runtime": "python3.12", "Handler": "index.handler",
                "Role": role["Role"]?["Arn"] ?? .null, "Code": ["ZipFile": "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="],
            ]
            _ = try await server.raw.rest(
                .lambda, "POST", "/2015-03-31/functions",
                headers: [AWSRequest.Header("Content-Type", "application/json")],
                body: function.compactJSON)
            let summary = try await Harness.run(
                Harness.chain([
                    (
                        "Invoke", "com.datadoghq.aws.lambda.invoke_lambda",
                        ["region": "us-east-1", "functionName": "greeter", "inputPayload": ["name": "Ada"]]
                    ),
                    (
                        "Fire", "com.datadoghq.aws.lambda.invoke_lambda",
                        ["functionName": "greeter", "invocationType": "Event"]
                    ),
                ]), on: server)
            #expect(summary.status == .succeeded, "\(summary.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(summary, "Invoke")["statusCode"] == 200)
            #expect(Harness.outputs(summary, "Invoke")["payload"] != .null)
            #expect(Harness.outputs(summary, "Fire")["statusCode"] == 202)
        }
    }

    @Test(
        "the ECS rollback blueprint (describe → JavaScript → register → update); stopEcsTask of a missing task fails clearly"
    )
    func ecs() async throws {
        try await AWSMotoServer.with { server in
            _ = try await server.raw.json(.ecs, "CreateCluster", ["clusterName": "leaderboard"])
            _ = try await server.raw.json(
                .ecs, "RegisterTaskDefinition",
                [
                    "family": "leaderboard",
                    "containerDefinitions": [["name": "leaderboard", "image": "repo/leaderboard:1", "memory": 128]],
                ])
            _ = try await server.raw.json(
                .ecs, "CreateService",
                [
                    "cluster": "leaderboard", "serviceName": "leaderboard", "taskDefinition": "leaderboard",
                    "desiredCount": 1,
                ])
            let rollback = try await Harness.run(
                try Harness.wildSpec("ecs-rollback-leaderboard"), on: server, trigger: .dashboard,
                inputs: ["service_name": "leaderboard", "image_tag": "2"])
            #expect(rollback.status == .succeeded, "\(rollback.error.map { "\($0)" } ?? "")")
            let registered = Harness.outputs(rollback, "Register_task_definition")["taskDefinition"]
            #expect(registered?["revision"] == 2)
            #expect(registered?["containerDefinitions"]?.arrayValue?.first?["image"] == "repo/leaderboard:2")
            let service = Harness.outputs(rollback, "Update_ECS_service")["service"]
            #expect(service?["taskDefinition"]?.stringValue?.hasSuffix("task-definition/leaderboard:2") == true)

            let stopped = try await Harness.run(
                try Harness.wildSpec("csm-threat-protection-stop-ecs"), on: server,
                source: [
                    "securitySignal": [
                        "custom": [
                            "stop_ecs": [
                                "region": "us-east-1", "task_id": "0123456789abcdef", "cluster": "leaderboard",
                                "reason": "threat detected",
                            ]
                        ]
                    ]
                ])
            #expect(stopped.status == .stepError)
            #expect(Harness.errorMessage(stopped, "Stop_ECS_task").hasPrefix("AWS ecs:StopTask failed (HTTP "))
        }
    }

    @Test("add_to_ip_set adds the missing addresses under the lock token")
    func ipSet() async throws {
        try await AWSMotoServer.with { server in
            let created = try await server.raw.json(
                .wafv2, "CreateIPSet",
                ["Name": "allowlist", "Scope": "REGIONAL", "IPAddressVersion": "IPV4", "Addresses": ["1.1.1.1/32"]])
            let id = try #require(created["Summary"]?["Id"])
            let summary = try await Harness.run(
                Harness.chain([
                    (
                        "Add", "com.datadoghq.aws.wafv2.add_to_ip_set",
                        [
                            "region": "us-east-1", "ipSetName": "allowlist", "ipSetId": id,
                            "addressesToAdd": ["2.2.2.0/24", "1.1.1.1/32"],
                        ]
                    )
                ]), on: server)
            #expect(summary.status == .succeeded, "\(summary.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(summary, "Add")["nextLockToken"]?.stringValue?.isEmpty == false)
            let read = try await server.raw.json(
                .wafv2, "GetIPSet", ["Name": "allowlist", "Scope": "REGIONAL", "Id": id])
            let addresses = read["IPSet"]?["Addresses"]?.arrayValue?.compactMap(\.stringValue).sorted()
            #expect(addresses == ["1.1.1.1/32", "2.2.2.0/24"])
        }
    }
}
