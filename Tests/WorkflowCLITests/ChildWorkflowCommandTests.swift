import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// A parent and its child run locally: `stepwise workflows create` stores the child under the id the parent's
/// `triggerWorkflow` step names, then `stepwise run` runs the parent with the same database.
@Suite("Child workflows from the command line")
struct ChildWorkflowCommandTests {
    @Test("workflows create stores the child; run runs the parent, which runs the child; both are listed")
    func parentAndChild() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-child-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("stepwise.db").path
        let childId = "6f1c1f5e-8d5e-4c56-9a43-0b3cfe3b6a01"
        let child = folder.appendingPathComponent("child.json")
        try Data(
            #"""
            {"triggers":[{"workflowTrigger":{},"startStepNames":["Echo"]}],
             "inputSchema":{"parameters":[{"name":"word","type":"STRING"}]},
             "outputSchema":{"parameters":[{"name":"echoed","type":"STRING","value":"{{ Steps.Echo.value }}"}]},
             "steps":[{"name":"Echo","actionId":"com.datadoghq.core.echo",
                       "parameters":[{"name":"value","value":"{{ Trigger.word }}!"}]}]}
            """#.utf8
        ).write(to: child)
        let parent = folder.appendingPathComponent("parent.json")
        try Data(
            #"""
            {"triggers":[{"workflowTrigger":{},"startStepNames":["Call"]}],
             "outputSchema":{"parameters":[
                {"name":"said","type":"STRING","value":"{{ Steps.Call.workflowOutputs.echoed }}"}]},
             "steps":[{"name":"Call","actionId":"com.datadoghq.dd.workflow_automation.triggerWorkflow",
                       "parameters":[{"name":"workflowId","value":"\#(childId)"},
                                     {"name":"workflowInputs","value":{"word":"hi"}}]}]}
            """#.utf8
        ).write(to: parent)

        let created = try await StepwiseProcess.run([
            "workflows", "create", child.path, "--id", childId, "--db", database,
        ])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "\(childId)  v1  created  child\n")

        let run = try await StepwiseProcess.run(["run", parent.path, "--db", database, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try JSONValue.parse(Data(run.stdout.utf8))["data"]?["attributes"]?["outputs"] == ["said": "hi!"])

        let listed = try await StepwiseProcess.run(["instances", "list", "--workflow", childId, "--db", database])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("SUCCEEDED"))
        let parentId = try #require(
            try JSONValue.parse(Data(run.stdout.utf8))["data"]?["id"]?.stringValue)
        // The table's first row (under the header) starts with the child's short id, a prefix `get` accepts.
        let row = listed.stdout.split(separator: "\n").dropFirst().first
        let childInstance = try #require(row?.split(separator: " ").first.map(String.init))
        // The child's progress lines name it; the parent's do not.
        #expect(run.stderr.contains("[\(childInstance.prefix(8))] "), "\(run.stderr)")
        #expect(!run.stderr.contains("[\(parentId.prefix(8))] "), "\(run.stderr)")
        let shown = try await StepwiseProcess.run(["instances", "get", childInstance, "--db", database])
        #expect(shown.stdout.contains("started by instance \(parentId), step \"Call\" (depth 1)"), "\(shown.stdout)")

        let again = try await StepwiseProcess.run([
            "workflows", "create", child.path, "--id", childId, "--db", database,
        ])
        #expect(again.stdout == "\(childId)  v1  updated  child\n")
    }

    @Test("a parent killed while its child runs: resume finishes both, and no second child starts")
    func killedWhileChildRuns() async throws {
        let scratch = try CrashRecoveryTests.Scratch()
        let childId = "6f1c1f5e-8d5e-4c56-9a43-0b3cfe3b6a03"
        let child = scratch.folder.appendingPathComponent("child.json")
        try Data(
            (#"{"triggers":[{"workflowTrigger":{},"startStepNames":["ChildA"]}],"steps":["#
                + scratch.logStep("ChildA", next: ["Wait"]) + ","
                + #"{"name":"Wait","actionId":"com.datadoghq.core.sleep","#
                + #""parameters":[{"name":"durationSeconds","value":3600}],"#
                + #""outboundEdges":[{"nextStepName":"ChildB","branchName":"main"}]},"# + scratch.logStep("ChildB")
                + "]}").utf8
        ).write(to: child)
        let parent = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["P1"]}],"steps":["#
                + scratch.logStep("P1", next: ["Call"]) + ","
                + #"{"name":"Call","actionId":"com.datadoghq.dd.workflow_automation.triggerWorkflow","#
                + #""parameters":[{"name":"workflowId","value":"\#(childId)"}],"#
                + #""outboundEdges":[{"nextStepName":"P2","branchName":"main"}]},"# + scratch.logStep("P2") + "]}")
        let created = try await StepwiseProcess.run(
            ["workflows", "create", child.path, "--id", childId, "--db", scratch.database])
        #expect(created.status == 0, "\(created.stderr)")
        let killed = try await StepwiseProcess.run(["run", parent, "--db", scratch.database]) { process, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ Wait")
            kill(process.processIdentifier, SIGKILL)
            return seen
        }
        #expect(killed.status == SIGKILL || killed.status == 128 + SIGKILL)
        #expect(scratch.logLines() == ["P1", "ChildA"])

        let resume = try await StepwiseProcess.run(["resume", "--db", scratch.database, "--virtual-time"])
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(scratch.logLines() == ["P1", "ChildA", "ChildB", "P2"])
        let listed = try await StepwiseProcess.run(["instances", "list", "--db", scratch.database])
        #expect(listed.stdout.hasSuffix("2 of 2 (succeeded 2, failed 0, canceled 0)\n"), "\(listed.stdout)")
    }
}
