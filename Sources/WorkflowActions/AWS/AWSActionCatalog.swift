import WorkflowModel

/// Every AWS action Stepwise runs, by action id: the table ``AWSAction`` executes (docs/aws.md lists it).
public enum AWSActionCatalog {
    typealias Input = AWSActionDefinition.Input
    typealias Route = AWSActionDefinition.Route

    /// The definitions, in table order.
    public static let definitions: [AWSActionDefinition] = iam + ec2 + s3 + others

    /// The definition of `id`.
    public static func definition(_ id: String) -> AWSActionDefinition? { byId[id] }

    /// The outputs a dry run plays for `actionId` when no mock names it: the documented shape.
    public static func defaultMock(for actionId: String) -> JSONValue? { byId[actionId]?.mockOutputs }

    private static let byId: [String: AWSActionDefinition] = Dictionary(
        definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    private static let requestId: [String: JSONValue] = ["amzRequestId": ""]

    private static func mock(_ members: [String: JSONValue]) -> JSONValue {
        .object(members.merging(requestId) { given, _ in given })
    }

    static let iam: [AWSActionDefinition] = [
        AWSActionDefinition(
            "com.datadoghq.aws.iam.disable_user", .iam, "DeleteLoginProfile",
            inputs: [Input("userName", required: true)], outputs: .none, composite: .disableUser, mock: .emptyObject),
        AWSActionDefinition(
            "com.datadoghq.aws.iam.listAccessKeys", .iam, "ListAccessKeys",
            inputs: [Input("userName", required: true), Input("marker"), Input("maxItems")],
            outputs: .members(lists: ["accessKeyMetadata"]),
            mock: mock(["accessKeyMetadata": [], "isTruncated": false, "marker": ""])),
        AWSActionDefinition(
            "com.datadoghq.aws.iam.getUser", .iam, "GetUser", inputs: [Input("userName", required: true)],
            outputs: .members(), mock: mock(["user": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.iam.create_user", .iam, "CreateUser",
            inputs: [
                Input("userName", required: true), Input("path"), Input("permissionsBoundary"), Input("tags"),
            ], outputs: .members(), mock: mock(["user": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.iam.add_user_to_group", .iam, "AddUserToGroup",
            inputs: [Input("groupName", required: true), Input("userName", required: true)], outputs: .none,
            mock: mock([:])),
        AWSActionDefinition(
            "com.datadoghq.aws.iam.remove_user_from_group", .iam, "RemoveUserFromGroup",
            inputs: [Input("groupName", required: true), Input("userName", required: true)], outputs: .none,
            mock: mock([:])),
    ]

    static let ec2: [AWSActionDefinition] = [
        AWSActionDefinition(
            "com.datadoghq.aws.ec2.describe_ec2_instances", .ec2, "DescribeInstances",
            inputs: [
                AWSActionDefinition.region, Input("instanceIds", wire: "InstanceId"), Input("filters", wire: "Filter"),
                Input("maxResults"), Input("nextToken"),
            ], outputs: .ec2Instances, mock: mock(["instances": [], "nextToken": ""])),
        AWSActionDefinition(
            "com.datadoghq.aws.ec2.revoke_security_group_ingress", .ec2, "RevokeSecurityGroupIngress",
            inputs: [
                AWSActionDefinition.region, Input("groupId"), Input("groupName"), Input("ipPermissions"),
                Input("cidrIp"), Input("ipProtocol"), Input("fromPort"), Input("toPort"),
                Input("securityGroupRuleIds", wire: "SecurityGroupRuleId"),
            ], outputs: .members(lists: ["unknownIpPermissions", "revokedSecurityGroupRules"]),
            mock: mock(["return": true, "unknownIpPermissions": [], "revokedSecurityGroupRules": []])),
        AWSActionDefinition(
            "com.datadoghq.aws.ebs.createSnapshot", .ec2, "CreateSnapshot",
            inputs: [
                AWSActionDefinition.region, Input("volumeId", required: true), Input("description"),
                Input("tagSpecifications", wire: "TagSpecification"),
            ], outputs: .members(),
            mock: mock(["snapshotId": "", "volumeId": "", "state": "pending", "startTime": "", "volumeSize": ""])),
        AWSActionDefinition(
            "com.datadoghq.aws.ebs.delete_volume", .ec2, "DeleteVolume",
            inputs: [AWSActionDefinition.region, Input("volumeId", required: true)], outputs: .members(),
            mock: mock(["return": true])),
        AWSActionDefinition(
            "com.datadoghq.aws.ebs.modifyVolume", .ec2, "ModifyVolume",
            inputs: [
                AWSActionDefinition.region, Input("volumeId", required: true), Input("volumeType"), Input("size"),
                Input("iops"), Input("throughput"), Input("multiAttachEnabled"),
            ], outputs: .members(), mock: mock(["volumeModification": .emptyObject])),
    ]

    static let s3: [AWSActionDefinition] = [
        AWSActionDefinition(
            "com.datadoghq.aws.s3.putObject", .s3, "PutObject",
            inputs: [
                AWSActionDefinition.region, Input("bucket", required: true, .path), Input("key", required: true, .path),
                Input("body", .payload), Input("cannedAcl", .header("x-amz-acl")),
                Input("contentType", .header("Content-Type")),
                Input("serverSideEncryption", .header("x-amz-server-side-encryption")),
                Input("storageClass", .header("x-amz-storage-class")),
                Input("expectedBucketOwner", .header("x-amz-expected-bucket-owner")),
            ], route: Route("PUT", "/{bucket}/{key}"),
            outputs: .headers([
                "eTag": "etag", "serverSideEncryption": "x-amz-server-side-encryption",
                "versionId": "x-amz-version-id", "bucketKeyEnabled": "x-amz-server-side-encryption-bucket-key-enabled",
                "checksumSHA256": "x-amz-checksum-sha256",
            ]),
            mock: mock([
                "eTag": "", "serverSideEncryption": "", "versionId": "", "bucketKeyEnabled": false,
                "checksumSHA256": "",
            ])),
        AWSActionDefinition(
            "com.datadoghq.aws.s3.block_public_access", .s3, "PutPublicAccessBlock",
            inputs: [AWSActionDefinition.region, Input("bucket", required: true, .path)],
            route: Route(
                "PUT", "/{bucket}", query: [AWSRequest.QueryItem("publicAccessBlock", "")],
                body: "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
                    + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                    + "</PublicAccessBlockConfiguration>", contentMD5: true), outputs: .none, mock: mock([:])),
        AWSActionDefinition(
            "com.datadoghq.aws.s3.enable_default_bucket_encryption", .s3, "PutBucketEncryption",
            inputs: [
                AWSActionDefinition.region, Input("bucket", required: true, .path), Input("keyType", required: true),
            ],
            route: Route(
                "PUT", "/{bucket}", query: [AWSRequest.QueryItem("encryption", "")],
                body: "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
                    + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>{keyType}</SSEAlgorithm>"
                    + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
                contentMD5: true), outputs: .none, mock: mock([:])),
        AWSActionDefinition(
            "com.datadoghq.aws.s3.set_canned_acl", .s3, "PutBucketAcl",
            inputs: [
                AWSActionDefinition.region, Input("bucket", required: true, .path),
                Input("cannedAcl", required: true, .header("x-amz-acl")),
            ], route: Route("PUT", "/{bucket}", query: [AWSRequest.QueryItem("acl", "")], contentMD5: true),
            outputs: .none, mock: mock([:])),
    ]

    static let others: [AWSActionDefinition] = [
        AWSActionDefinition(
            "com.datadoghq.aws.lambda.invoke_lambda", .lambda, "Invoke",
            inputs: [
                AWSActionDefinition.region, Input("functionName", required: true, .path),
                Input("invocationType", .header("X-Amz-Invocation-Type")), Input("qualifier", .query("Qualifier")),
                Input("inputPayload", .payload),
            ], route: Route("POST", "/2015-03-31/functions/{functionName}/invocations"), outputs: .lambdaInvoke,
            mock: mock(["statusCode": 200, "functionError": "", "payload": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.ecs.updateEcsService", .ecs, "UpdateService",
            inputs: [
                AWSActionDefinition.region, Input("serviceName", wire: "service", required: true),
            ], passThrough: true, outputs: .members(), mock: mock(["service": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.ecs.stopEcsTask", .ecs, "StopTask",
            inputs: [
                AWSActionDefinition.region, Input("taskId", wire: "task", required: true), Input("cluster"),
                Input("reason"),
            ], outputs: .members(), mock: mock(["task": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.ecs.describeTaskDefinition", .ecs, "DescribeTaskDefinition",
            inputs: [AWSActionDefinition.region, Input("taskDefinition", required: true)], passThrough: true,
            outputs: .members(), mock: mock(["taskDefinition": .emptyObject, "tags": []])),
        AWSActionDefinition(
            "com.datadoghq.aws.ecs.registerTaskDefinition", .ecs, "RegisterTaskDefinition",
            inputs: [
                AWSActionDefinition.region, Input("family", required: true),
                Input("containerDefinitions", required: true),
            ], passThrough: true, outputs: .members(), mock: mock(["taskDefinition": .emptyObject, "tags": []])),
        AWSActionDefinition(
            "com.datadoghq.aws.system_manager.sendCommand", .ssm, "SendCommand",
            inputs: [AWSActionDefinition.region, Input("documentName", required: true)], passThrough: true,
            outputs: .members(), mock: mock(["command": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.system_manager.getCommand", .ssm, "ListCommands",
            inputs: [AWSActionDefinition.region, Input("commandId", required: true)],
            outputs: .member("command", path: ["Commands"], first: true), mock: mock(["command": .emptyObject])),
        AWSActionDefinition(
            "com.datadoghq.aws.autoscaling.startInstanceRefresh", .autoScaling, "StartInstanceRefresh",
            inputs: [
                AWSActionDefinition.region, Input("autoScalingGroupName", required: true), Input("strategy"),
                Input("desiredConfiguration"), Input("preferences"),
            ], outputs: .members(), mock: mock(["instanceRefreshId": ""])),
        AWSActionDefinition(
            "com.datadoghq.aws.wafv2.add_to_ip_set", .wafv2, "GetIPSet",
            inputs: [
                AWSActionDefinition.region, Input("ipSetName", wire: "Name", required: true),
                Input("ipSetId", wire: "Id", required: true), Input("addressesToAdd", required: true, .none),
                Input("scope", .none),
            ], outputs: .members(), composite: .addToIPSet, mock: mock(["nextLockToken": ""])),
    ]
}
