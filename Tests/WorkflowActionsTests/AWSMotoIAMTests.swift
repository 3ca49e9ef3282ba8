import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// IAM actions in workflows against moto (signatures checked), through an AWS connection, the environment and an
/// assumed role.
@Suite("AWS IAM against moto", .serialized, .enabled(if: AWSMotoServer.isInstalled, "moto is not installed"))
struct AWSMotoIAMTests {
    private typealias Harness = AWSWorkflowHarness
    private let iam = "com.datadoghq.aws.iam."

    @Test("create_user → add_user_to_group → getUser, then listAccessKeys → disable_user → remove_user_from_group")
    func userLifecycle() async throws {
        try await AWSMotoServer.with { server in
            _ = try await server.raw.query(.iam, "CreateGroup", ["GroupName": "ops"])
            let created = try await Harness.run(
                Harness.chain([
                    (
                        "Create_user", iam + "create_user",
                        ["userName": "alice", "tags": [["Key": "team", "Value": "sre"]]]
                    ),
                    ("Add_to_group", iam + "add_user_to_group", ["userName": "alice", "groupName": "ops"]),
                    ("Get_user", iam + "getUser", ["userName": "alice"]),
                ]), on: server)
            #expect(created.status == .succeeded)
            #expect(Harness.outputs(created, "Create_user")["user"]?["UserName"] == "alice")
            #expect(Harness.outputs(created, "Add_to_group")["amzRequestId"]?.stringValue?.isEmpty == false)
            let fetched = Harness.outputs(created, "Get_user")["user"]
            #expect(fetched?["Arn"]?.stringValue?.hasSuffix(":user/alice") == true)
            #expect(fetched?["Tags"] == [["Key": "team", "Value": "sre"]])
            let group = try await server.raw.query(.iam, "GetGroup", ["GroupName": "ops"])
            #expect(group["Users"]?.arrayValue?.count == 1)

            _ = try await server.raw.query(.iam, "CreateAccessKey", ["UserName": "alice"])
            _ = try await server.raw.query(.iam, "CreateLoginProfile", ["UserName": "alice", "Password": "Pa55word!x"])
            let disabled = try await Harness.run(
                Harness.chain([
                    ("Keys_before", iam + "listAccessKeys", ["userName": "alice"]),
                    ("Disable", iam + "disable_user", ["userName": "alice"]),
                    ("Keys_after", iam + "listAccessKeys", ["userName": "alice"]),
                    ("Remove", iam + "remove_user_from_group", ["userName": "alice", "groupName": "ops"]),
                ]), on: server)
            #expect(disabled.status == .succeeded, "\(disabled.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(disabled, "Keys_before")["accessKeyMetadata"]?.arrayValue?.count == 1)
            #expect(Harness.outputs(disabled, "Keys_before")["isTruncated"] != true)
            #expect(Harness.outputs(disabled, "Keys_after")["accessKeyMetadata"] == [])
            await #expect(throws: AWSError.self) {
                try await server.raw.query(.iam, "GetLoginProfile", ["UserName": "alice"])
            }
            let after = try await server.raw.query(.iam, "GetGroup", ["GroupName": "ops"])
            #expect(after["Users"] == "" || after["Users"] == [])
        }
    }

    @Test("the IAM blueprints run for real: create and add to group, revoke permissions, disable user from a signal")
    func blueprints() async throws {
        try await AWSMotoServer.with { server in
            _ = try await server.raw.query(.iam, "CreateGroup", ["GroupName": "admins"])
            let created = try await Harness.run(
                try Harness.wildSpec("aws-iam-create-user-and-add-to-group"), on: server,
                inputs: ["userName": "bob", "groupName": "admins"])
            #expect(created.status == .succeeded)
            #expect(
                try await server.raw.query(.iam, "GetGroup", ["GroupName": "admins"])["Users"]?.arrayValue?.count == 1)
            let revoked = try await Harness.run(
                try Harness.wildSpec("aws-iam-revoke-permissions"), on: server,
                inputs: ["userName": "bob", "groupName": "admins"])
            #expect(revoked.status == .succeeded)
            let group = try await server.raw.query(.iam, "GetGroup", ["GroupName": "admins"])
            #expect(group["Users"] == "" || group["Users"] == [])

            _ = try await server.raw.query(.iam, "CreateAccessKey", ["UserName": "bob"])
            let disabled = try await Harness.run(
                try Harness.wildSpec("aws-iam-disable-user"), on: server, trigger: .security,
                source: ["securityFinding": ["resource": "bob"]])
            #expect(disabled.status == .succeeded, "\(disabled.error.map { "\($0)" } ?? "")")
            let keys = try await server.raw.query(.iam, "ListAccessKeys", ["UserName": "bob"])
            #expect(keys["AccessKeyMetadata"] == "" || keys["AccessKeyMetadata"] == [])
        }
    }

    @Test("steps without a connection use AWS_* variables; a role connection assumes the role through STS")
    func environmentAndRole() async throws {
        try await AWSMotoServer.with { server in
            let fromEnvironment = try await Harness.run(
                Harness.chain([("Keys", iam + "listAccessKeys", ["userName": "admin"])], connection: nil), on: server)
            #expect(fromEnvironment.status == .succeeded)
            #expect(Harness.outputs(fromEnvironment, "Keys")["accessKeyMetadata"]?.arrayValue?.count == 1)

            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
            let role = try await server.raw.query(
                .iam, "CreateRole", ["RoleName": "deployer", "AssumeRolePolicyDocument": .string(trust)])
            let roleArn = try #require(role["Role"]?["Arn"])
            let allowAll = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
            _ = try await server.raw.query(
                .iam, "PutRolePolicy",
                ["RoleName": "deployer", "PolicyName": "all", "PolicyDocument": .string(allowAll)])
            let roleConnection: JSONValue = [
                "aws": [
                    "accessKeyId": .string(server.admin.accessKeyId),
                    "secretAccessKey": .string(server.admin.secretAccessKey),
                    "roleArn": roleArn, "endpointUrl": .string(server.endpoint),
                ]
            ]
            let viaRole = try await Harness.run(
                Harness.chain([("Get_user", iam + "getUser", ["userName": "admin"])], connection: "aws-role"),
                on: server, connections: try Harness.connections(server, extra: ["aws-role": roleConnection]))
            #expect(viaRole.status == .succeeded, "\(viaRole.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(viaRole, "Get_user")["user"]?["UserName"] == "admin")
        }
    }

    @Test("bad credentials and a missing user fail the step with AWS's code and message; secrets stay out")
    func failures() async throws {
        try await AWSMotoServer.with { server in
            let wrongKeys: JSONValue = [
                "aws": [
                    "accessKeyId": "AKIAWRONGWRONGWRONG0", "secretAccessKey": "wrong-secret-value",
                    "endpointUrl": .string(server.endpoint),
                ]
            ]
            let refused = try await Harness.run(
                Harness.chain([("Get_user", iam + "getUser", ["userName": "admin"])], connection: "aws-bad"),
                on: server, connections: try Harness.connections(server, extra: ["aws-bad": wrongKeys]))
            #expect(refused.status == .stepError)
            let message = Harness.errorMessage(refused, "Get_user")
            #expect(message.contains("AWS iam:GetUser failed (HTTP 403 InvalidClientTokenId)"))
            #expect(!"\(refused)".contains("wrong-secret-value"))
            #expect(!"\(refused)".contains(server.admin.secretAccessKey))

            let missing = try await Harness.run(
                Harness.chain([("Get_user", iam + "getUser", ["userName": "ghost"])]), on: server)
            #expect(missing.status == .stepError)
            #expect(Harness.errorMessage(missing, "Get_user").contains("(HTTP 404 NoSuchEntity)"))
            #expect(Harness.errorMessage(missing, "Get_user").contains("ghost"))

            let noInput = try await Harness.run(Harness.chain([("Get_user", iam + "getUser", [:])]), on: server)
            #expect(Harness.errorMessage(noInput, "Get_user") == "input \"userName\" is required")
        }
    }
}
