import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// EC2, EBS, SSM and Auto Scaling actions in workflows against moto.
@Suite(
    "AWS EC2, EBS, SSM and Auto Scaling against moto", .serialized,
    .enabled(if: AWSMotoServer.isInstalled, "moto is not installed"))
struct AWSMotoComputeTests {
    private typealias Harness = AWSWorkflowHarness

    /// Starts one instance and returns its id.
    private func runInstance(_ server: AWSMotoServer) async throws -> String {
        let images = try await server.raw.query(.ec2, "DescribeImages", [:])
        let image = try #require(images["Images"]?.arrayValue?.first?["ImageId"])
        let started = try await server.raw.query(
            .ec2, "RunInstances", ["ImageId": image, "MinCount": 1, "MaxCount": 1, "InstanceType": "t2.micro"])
        return try #require(started["Instances"]?.arrayValue?.first?["InstanceId"]?.stringValue)
    }

    private func createVolume(_ server: AWSMotoServer) async throws -> String {
        let volume = try await server.raw.query(
            .ec2, "CreateVolume", ["AvailabilityZone": "us-east-1a", "Size": 8, "VolumeType": "gp2"])
        return try #require(volume["VolumeId"]?.stringValue)
    }

    @Test("describe_ec2_instances → sendCommand → getCommand; snapshot, modify and delete a volume; revoke ingress")
    func instancesAndVolumes() async throws {
        try await AWSMotoServer.with { server in
            let instance = try await runInstance(server)
            let volume = try await createVolume(server)
            let group = try await server.raw.query(
                .ec2, "CreateSecurityGroup", ["GroupName": "web", "GroupDescription": "web servers"])
            let groupId = try #require(group["GroupId"])
            let sshFromAnywhere: JSONValue = [
                ["IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [["CidrIp": "0.0.0.0/0"]]]
            ]
            _ = try await server.raw.query(
                .ec2, "AuthorizeSecurityGroupIngress", ["GroupId": groupId, "IpPermissions": sshFromAnywhere])
            let summary = try await Harness.run(
                Harness.chain([
                    (
                        "List", "com.datadoghq.aws.ec2.describe_ec2_instances",
                        ["region": "us-east-1", "filters": [["Name": "instance-id", "Values": [.string(instance)]]]]
                    ),
                    (
                        "Send", "com.datadoghq.aws.system_manager.sendCommand",
                        [
                            "documentName": "AWS-RunShellScript", "instanceIds": [.string(instance)],
                            "parameters": ["commands": ["uptime"]],
                        ]
                    ),
                    (
                        "Get", "com.datadoghq.aws.system_manager.getCommand",
                        ["commandId": "{{ Steps.Send.command.CommandId }}"]
                    ),
                    ("Snapshot", "com.datadoghq.aws.ebs.createSnapshot", ["volumeId": .string(volume)]),
                    (
                        "Modify", "com.datadoghq.aws.ebs.modifyVolume",
                        ["volumeId": .string(volume), "volumeType": "gp3"]
                    ),
                    ("Delete", "com.datadoghq.aws.ebs.delete_volume", ["volumeId": .string(volume)]),
                    (
                        "Revoke", "com.datadoghq.aws.ec2.revoke_security_group_ingress",
                        ["groupId": groupId, "ipPermissions": sshFromAnywhere]
                    ),
                ]), on: server)
            #expect(summary.status == .succeeded, "\(summary.error.map { "\($0)" } ?? "")")
            let instances = Harness.outputs(summary, "List")["instances"]?.arrayValue ?? []
            #expect(instances.count == 1)
            #expect(instances.first?["InstanceId"] == .string(instance))
            #expect(instances.first?["State"]?["Name"] == "running")
            let command = Harness.outputs(summary, "Send")["command"]
            #expect(command?["DocumentName"] == "AWS-RunShellScript")
            #expect(Harness.outputs(summary, "Get")["command"]?["CommandId"] == command?["CommandId"])
            #expect(Harness.outputs(summary, "Snapshot")["snapshotId"]?.stringValue?.hasPrefix("snap-") == true)
            #expect(Harness.outputs(summary, "Modify")["volumeModification"]?["TargetVolumeType"] == "gp3")
            #expect(Harness.outputs(summary, "Revoke")["return"] == true)
            await #expect(throws: AWSError.self) {
                try await server.raw.query(.ec2, "DescribeVolumes", ["VolumeId": [.string(volume)]])
            }
        }
    }

    @Test("the EBS and EC2/SSM blueprints run for real, a JavaScript step between AWS steps")
    func blueprints() async throws {
        try await AWSMotoServer.with { server in
            let instance = try await runInstance(server)
            let ssm = try await Harness.run(
                try Harness.wildSpec("update-ec2-instances-with-ssm"), on: server,
                inputs: [
                    "filterName": "instance-id", "filterValue": .string(instance), "documentName": "AWS-RunShellScript",
                ])
            #expect(ssm.status == .succeeded, "\(ssm.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(ssm, "Function")["data"] == [.string(instance)])
            #expect(Harness.outputs(ssm, "Send_command")["command"]?["InstanceIds"] == [.string(instance)])

            let toMigrate = try await createVolume(server)
            let migrated = try await Harness.run(
                try Harness.wildSpec("headless-migrate-ebs-volume"), on: server,
                inputs: ["region": "us-east-1", "volumeId": .string(toMigrate)])
            #expect(migrated.status == .succeeded, "\(migrated.error.map { "\($0)" } ?? "")")
            let described = try await server.raw.query(.ec2, "DescribeVolumes", ["VolumeId": [.string(toMigrate)]])
            #expect(described["Volumes"]?.arrayValue?.first?["VolumeType"] == "gp3")

            let toDelete = try await createVolume(server)
            let deleted = try await Harness.run(
                try Harness.wildSpec("headless-delete-ebs-volume"), on: server,
                inputs: ["region": "us-east-1", "volumeId": .string(toDelete), "createSnapshot": true])
            #expect(deleted.status == .succeeded, "\(deleted.error.map { "\($0)" } ?? "")")
            let snapshots = try await server.raw.query(
                .ec2, "DescribeSnapshots", ["Filter": [["Name": "volume-id", "Values": [.string(toDelete)]]]])
            #expect(snapshots["Snapshots"]?.arrayValue?.count == 1)
            await #expect(throws: AWSError.self) {
                try await server.raw.query(.ec2, "DescribeVolumes", ["VolumeId": [.string(toDelete)]])
            }
        }
    }

    @Test("startInstanceRefresh (blueprint) on a real group; an unknown group is a clear step error")
    func instanceRefresh() async throws {
        try await AWSMotoServer.with { server in
            let images = try await server.raw.query(.ec2, "DescribeImages", [:])
            let image = try #require(images["Images"]?.arrayValue?.first?["ImageId"])
            _ = try await server.raw.query(
                .autoScaling, "CreateLaunchConfiguration",
                ["LaunchConfigurationName": "lc", "ImageId": image, "InstanceType": "t2.micro"])
            _ = try await server.raw.query(
                .autoScaling, "CreateAutoScalingGroup",
                [
                    "AutoScalingGroupName": "web", "LaunchConfigurationName": "lc", "MinSize": 0, "MaxSize": 1,
                    "AvailabilityZones": ["us-east-1a"],
                ])
            let refreshed = try await Harness.run(
                try Harness.wildSpec("autoscaling-instance-refresh"), on: server, inputs: ["asgGroupName": "web"])
            #expect(refreshed.status == .succeeded, "\(refreshed.error.map { "\($0)" } ?? "")")
            #expect(Harness.outputs(refreshed, "Start_instance_refresh")["instanceRefreshId"]?.stringValue?.count == 36)
            let unknown = try await Harness.run(
                try Harness.wildSpec("autoscaling-instance-refresh"), on: server, inputs: ["asgGroupName": "nope"])
            #expect(unknown.status == .stepError)
            #expect(
                Harness.errorMessage(unknown, "Start_instance_refresh").contains(
                    "autoscaling:StartInstanceRefresh failed (HTTP 400 ValidationError)"))
        }
    }
}
