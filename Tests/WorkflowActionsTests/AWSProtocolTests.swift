import Foundation
import Testing
import WorkflowActions
import WorkflowModel

@Suite("AWS protocols and settings")
struct AWSProtocolTests {
    private func pairs(_ items: [AWSRequest.QueryItem]) -> [String] { items.map { "\($0.name)=\($0.value)" } }

    @Test("query protocol: member lists, EC2 numbered lists and renamed members, nulls left out")
    func queryFlattening() {
        let iam = AWSQueryProtocol.items(
            operation: "CreateUser", version: "2010-05-08",
            parameters: [("UserName", "bob"), ("Tags", [["key": "team", "value": "sre"]]), ("Path", nil)],
            ec2Style: false)
        #expect(
            pairs(iam) == [
                "Action=CreateUser", "Version=2010-05-08", "UserName=bob", "Tags.member.1.Key=team",
                "Tags.member.1.Value=sre",
            ])
        let ec2 = AWSQueryProtocol.items(
            operation: "DescribeInstances", version: "2016-11-15",
            parameters: [("Filter", [["Name": "tag:env", "Values": ["prod", "dev"]]]), ("MaxResults", 5)],
            ec2Style: true)
        #expect(
            pairs(ec2) == [
                "Action=DescribeInstances", "Version=2016-11-15", "Filter.1.Name=tag:env", "Filter.1.Value.1=prod",
                "Filter.1.Value.2=dev", "MaxResults=5",
            ])
    }

    @Test("query responses: <member> lists, booleans, EC2 names as the SDK spells them")
    func queryResults() throws {
        let iamXML = """
            <ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccessKeysResult>
            <IsTruncated>false</IsTruncated><AccessKeyMetadata><member><UserName>bob</UserName>
            <AccessKeyId>AKIA1</AccessKeyId></member></AccessKeyMetadata></ListAccessKeysResult>
            <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListAccessKeysResponse>
            """
        let iam = try AWSQueryProtocol.result(
            of: AWSResponse(status: 200, headers: [:], body: Array(iamXML.utf8)), operation: "ListAccessKeys",
            ec2Style: false)
        #expect(iam.requestId == "req-1")
        #expect(iam.members["IsTruncated"] == .bool(false))
        #expect(iam.members["AccessKeyMetadata"] == [["UserName": "bob", "AccessKeyId": "AKIA1"]])
        let ec2XML = """
            <DescribeInstancesResponse><requestId>r2</requestId><reservationSet><item><instancesSet><item>
            <instanceId>i-1</instanceId><instanceState><name>running</name></instanceState>
            <tagSet><item><key>env</key><value>prod</value></item></tagSet></item></instancesSet></item>
            </reservationSet></DescribeInstancesResponse>
            """
        let ec2 = try AWSQueryProtocol.result(
            of: AWSResponse(status: 200, headers: [:], body: Array(ec2XML.utf8)), operation: "DescribeInstances",
            ec2Style: true)
        #expect(ec2.requestId == "r2")
        #expect(
            ec2.members["Reservations"]
                == [
                    [
                        "Instances": [
                            [
                                "InstanceId": "i-1", "State": ["Name": "running"],
                                "Tags": [["Key": "env", "Value": "prod"]],
                            ]
                        ]
                    ]
                ])
    }

    @Test("malformed XML is a step failure, not a crash")
    func badXML() {
        #expect(throws: ActionError.self) { try AWSXML.parse(Array("<a><b></a>".utf8)) }
    }

    @Test("shared files: profiles from both files, the credentials file winning; comments and nested blocks skipped")
    func sharedFiles() {
        let files = AWSSharedFiles(
            credentials: "[default]\naws_access_key_id = AKIA_DEFAULT\naws_secret_access_key = s1\n# note\n[prod]\n"
                + "aws_access_key_id=AKIA_PROD\naws_secret_access_key=s2\n",
            config: "[default]\nregion = eu-west-3\n[profile prod]\nregion = us-west-2\ns3 =\n  max_concurrency = 2\n"
                + "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = prod\n")
        #expect(
            files.profiles["default"] == [
                "aws_access_key_id": "AKIA_DEFAULT", "aws_secret_access_key": "s1", "region": "eu-west-3",
            ])
        #expect(files.profiles["prod"]?["region"] == "us-west-2")
        #expect(files.profiles["prod"]?["max_concurrency"] == nil)
        #expect(files.profiles["admin"]?["source_profile"] == "prod")
    }

    @Test("context: connection keys, then environment variables, then the profile; region and endpoint likewise")
    func contextOrder() throws {
        let files = AWSSharedFiles(
            credentials: "[default]\naws_access_key_id=AKIA_FILE\naws_secret_access_key=f\n[ops]\n"
                + "aws_access_key_id=AKIA_OPS\naws_secret_access_key=o\n",
            config: "[default]\nregion=eu-central-1\n")
        let environment = [
            "AWS_ACCESS_KEY_ID": "AKIA_ENV", "AWS_SECRET_ACCESS_KEY": "e", "AWS_REGION": "ap-south-1",
            "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000",
        ]
        let fromConnection = try AWSContext.resolve(
            settings: AWSConnectionSettings(accessKeyId: "AKIA_CONN", secretAccessKey: "c", region: "us-west-1"),
            environment: environment, files: files)
        #expect(fromConnection.credentials.accessKeyId == "AKIA_CONN")
        #expect(fromConnection.region == "us-west-1")
        #expect(fromConnection.endpoint(for: .s3, region: "us-west-1").host == "127.0.0.1:9000")
        #expect(fromConnection.endpoint(for: .ec2, region: "us-west-1").host == "ec2.us-west-1.amazonaws.com")
        let fromEnvironment = try AWSContext.resolve(settings: nil, environment: environment, files: files)
        #expect(fromEnvironment.credentials.accessKeyId == "AKIA_ENV")
        #expect(fromEnvironment.region == "ap-south-1")
        let fromProfile = try AWSContext.resolve(
            settings: AWSConnectionSettings(profile: "ops"), environment: environment, files: files)
        #expect(fromProfile.credentials.accessKeyId == "AKIA_OPS")
        let fromDefault = try AWSContext.resolve(settings: nil, environment: [:], files: files)
        #expect(fromDefault.credentials.accessKeyId == "AKIA_FILE")
        #expect(fromDefault.region == "eu-central-1")
        #expect(fromDefault.endpoint(for: .iam, region: "eu-central-1").host == "iam.amazonaws.com")
    }

    @Test("no credentials anywhere, or an unknown profile: a clear INVALID_INPUT")
    func missingCredentials() {
        #expect(throws: ActionError.self) {
            try AWSContext.resolve(settings: nil, environment: [:], files: AWSSharedFiles())
        }
        do {
            _ = try AWSContext.resolve(
                settings: AWSConnectionSettings(profile: "nope"), environment: [:], files: AWSSharedFiles())
            Issue.record("an unknown profile resolved")
        } catch {
            #expect(error.code == .invalidInput)
            #expect(error.message.contains("\"nope\""))
        }
    }

    @Test("connections file: an AWS connection, variables substituted, secrets redacted, bad fields refused")
    func connectionsFile() throws {
        let catalog = try ConnectionCatalog(
            json: [
                "connections": [
                    "aws-main": [
                        "aws": [
                            "accessKeyId": "${KEY}", "secretAccessKey": "${SECRET}", "region": "eu-west-1",
                            "endpointUrl": "http://127.0.0.1:5000",
                        ]
                    ]
                ]
            ])
        let spec = WorkflowSpec()
        let resolved = try catalog.resolve(
            label: "aws-main", in: spec, environment: ["KEY": "AKIA_X", "SECRET": "very-secret"])
        #expect(resolved.aws?.accessKeyId == "AKIA_X")
        #expect(resolved.aws?.secretAccessKey == "very-secret")
        #expect(!"\(resolved.aws.map { "\($0)" } ?? "")".contains("very-secret"))
        #expect(throws: ConnectionError.self) {
            try catalog.resolve(label: "aws-main", in: spec, environment: ["KEY": "AKIA_X"])
        }
        let malformed: [JSONValue] = [
            ["connections": ["a": ["aws": ["accessKey": "x"]]]],
            ["connections": ["a": ["aws": ["accessKeyId": "x"]]]],
            ["connections": ["a": ["aws": ["endpointUrl": "not a url"]]]],
            ["connections": ["a": ["aws": [:], "baseUrl": "https://x"]]],
        ]
        for json in malformed {
            #expect(throws: ConnectionError.self) { try ConnectionCatalog(json: json) }
        }
    }
}
