import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// A `stepwise run` killed with SIGKILL mid-run finishes correctly after `stepwise resume`: nothing lost, no
/// finished step run twice. Finished steps append to a log file, so running twice would show.
@Suite("Crash recovery with a real kill")
struct CrashRecoveryTests {
    /// A scratch folder with a database and a log the shell steps append to.
    struct Scratch {
        let folder: URL
        var database: String { folder.appendingPathComponent("stepwise.db").path }
        var log: String { folder.appendingPathComponent("steps.log").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "stepwise-crash-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        /// Lines the shell steps wrote.
        func logLines() -> [String] {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        /// A shell step that appends its name to the log.
        func logStep(_ name: String, next: [String] = []) -> String {
            let edges = next.map { #"{"nextStepName":"\#($0)","branchName":"main"}"# }.joined(separator: ",")
            return #"{"name":"\#(name)","actionId":"com.datadoghq.script.runShellScript","#
                + #""parameters":[{"name":"script","value":"echo \#(name) >> \#(log)"}],"outboundEdges":[\#(edges)]}"#
        }

        func write(_ spec: String) throws -> String {
            let path = folder.appendingPathComponent("workflow.json").path
            try Data(spec.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// Runs `file`, kills the process with SIGKILL once stderr shows every marker, then resumes the database.
    func killAndResume(
        _ file: String, in scratch: Scratch, after markers: [String]
    ) async throws -> (resume: StepwiseProcess, instance: JSONValue) {
        let killed = try await StepwiseProcess.run(["run", file, "--db", scratch.database]) { process, stderr in
            let seen = StepwiseProcess.read(stderr, untilAll: markers)
            kill(process.processIdentifier, SIGKILL)
            return seen
        }
        #expect(killed.status == SIGKILL || killed.status == 128 + SIGKILL || killed.status == 9)
        let listed = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "list", "--db", scratch.database, "--json"]).stdout)
        let instance = try #require(listed["data"]?.arrayValue?.first)
        #expect(instance["attributes"]?["instanceStatus"]?["detailsKind"] == "IN_PROGRESS")
        let id = try #require(instance["id"]?.stringValue)
        let resume = try await StepwiseProcess.run(["resume", "--db", scratch.database, "--virtual-time"])
        let body = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "get", id, "--db", scratch.database, "--json"]).stdout)
        return (resume, try #require(body["data"]?["attributes"]))
    }

    func states(_ attributes: JSONValue) -> [String: String] {
        var states: [String: String] = [:]
        for item in attributes["stepStateAssociations"]?.arrayValue ?? [] {
            if let name = item["stepName"]?.stringValue { states[name] = item["stepState"]?.stringValue }
        }
        return states
    }

    @Test("a chain killed while a step runs")
    func chain() async throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["A"]}],"steps":["#
                + scratch.logStep("A", next: ["Wait"]) + ","
                + #"{"name":"Wait","actionId":"com.datadoghq.core.sleep","parameters":[{"name":"durationSeconds","value":3600}],"#
                + #""outboundEdges":[{"nextStepName":"C","branchName":"main"}]},"# + scratch.logStep("C") + "]}")
        let (resume, instance) = try await killAndResume(file, in: scratch, after: ["▶ Wait"])
        #expect(resume.status == 0)
        #expect(scratch.logLines() == ["A", "C"])
        #expect(instance["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        #expect(states(instance) == ["A": "SUCCEEDED", "Wait": "SUCCEEDED", "C": "SUCCEEDED"])
    }

    @Test("a fan-out with an ALL merge killed after two branches finished")
    func fanOut() async throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Start"]}],"steps":["#
                + #"{"name":"Start","actionId":"com.datadoghq.core.noop","outboundEdges":["#
                + #"{"nextStepName":"A","branchName":"main"},{"nextStepName":"B","branchName":"main"},"#
                + #"{"nextStepName":"Slow","branchName":"main"}]},"#
                + scratch.logStep("A", next: ["Join"]) + "," + scratch.logStep("B", next: ["Join"]) + ","
                + #"{"name":"Slow","actionId":"com.datadoghq.core.sleep","parameters":[{"name":"durationSeconds","value":3600}],"#
                + #""outboundEdges":[{"nextStepName":"Join","branchName":"main"}]},"# + scratch.logStep("Join") + "]}")
        let (resume, instance) = try await killAndResume(file, in: scratch, after: ["✔ A", "✔ B"])
        #expect(resume.status == 0)
        #expect(scratch.logLines().sorted() == ["A", "B", "Join"])
        #expect(instance["instanceStatus"]?["detailsKind"] == "SUCCEEDED")
        #expect(states(instance)["Join"] == "SUCCEEDED")
    }

    @Test("a step waiting on an error-handler retry timer")
    func retryTimer() async throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["S"]}],"steps":["#
                + scratch.logStep("S", next: ["Flaky"]) + ","
                + #"{"name":"Flaky","actionId":"com.datadoghq.core.error","parameters":[{"name":"message","value":"down"}],"#
                + #""errorHandlers":[{"fallbackStepName":"R","retryStrategy":{"kind":"RETRY_STRATEGY_LINEAR","#
                + #""linear":{"interval":"3600s","maxRetries":1}}}]},"# + scratch.logStep("R") + "]}")
        let (resume, instance) = try await killAndResume(file, in: scratch, after: ["Flaky waits"])
        #expect(resume.status == 0)
        #expect(scratch.logLines() == ["S", "R"])
        #expect(states(instance) == ["S": "SUCCEEDED", "Flaky": "FAILED", "R": "SUCCEEDED"])
    }

    @Test("a step waiting on a completion gate")
    func completionGate() async throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["S"]}],"steps":["#
                + scratch.logStep("S", next: ["Poll"]) + ","
                + #"{"name":"Poll","actionId":"com.datadoghq.core.echo","parameters":[{"name":"value","value":"pending"}],"#
                + #""completionGate":{"completionCondition":{"operand1":"{{ Steps.Poll.value }}","#
                + #""operator":"OPERATOR_EQUAL","operand2":"done"},"retryStrategy":{"kind":"RETRY_STRATEGY_LINEAR","#
                + #""linear":{"interval":"3600s","maxRetries":1}}}}]}"#)
        let (resume, instance) = try await killAndResume(file, in: scratch, after: ["Poll waits"])
        #expect(resume.status == 1)
        #expect(scratch.logLines() == ["S"])
        #expect(instance["instanceStatus"]?["detailsKind"] == "STEP_ERROR")
        #expect(instance["errorDetail"]?["message"] == "completion condition not met after 2 attempts")
    }

    @Test("another process cancels a running instance; an orphan is cancelled in the database")
    func crossProcessCancel() async throws {
        let scratch = try Scratch()
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Wait"]}],"steps":["#
                + #"{"name":"Wait","actionId":"com.datadoghq.core.sleep","parameters":[{"name":"durationSeconds","value":3600}]}]}"#
        )
        var cancelOutput = ""
        let run = try await StepwiseProcess.run(["run", file, "--db", scratch.database]) { _, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ Wait")
            let listed = try JSONValue.parse(
                try StepwiseProcess.runBlocking(["instances", "list", "--db", scratch.database, "--json"]).stdout)
            let id = listed["data"]?.arrayValue?.first?["id"]?.stringValue ?? ""
            cancelOutput = try StepwiseProcess.runBlocking([
                "instances", "cancel", id, "--db", scratch.database, "--wait", "60",
            ]).stdout
            return seen
        }
        #expect(cancelOutput.hasSuffix("CANCELED\n"))
        #expect(!cancelOutput.contains("no process"))
        #expect(run.status == 1)
        #expect(run.stderr.contains("instance CANCELED"))

        let orphan = try await StepwiseProcess.run(["run", file, "--db", scratch.database]) { process, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ Wait")
            kill(process.processIdentifier, SIGKILL)
            return seen
        }
        _ = orphan
        let listed = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "list", "--db", scratch.database, "--json"]).stdout)
        let id = try #require(listed["data"]?.arrayValue?.first?["id"]?.stringValue)
        let cancelled = try await StepwiseProcess.run([
            "instances", "cancel", id, "--db", scratch.database, "--wait", "0.3",
        ])
        #expect(cancelled.stdout.contains("CANCELED (no process was running it)"))
        let body = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "get", id, "--db", scratch.database, "--json"]).stdout)
        #expect(
            body["data"]?["attributes"]?["stepStateAssociations"] == [["stepName": "Wait", "stepState": "CANCELED"]])
    }
}

@Suite("stepwise workflows")
struct WorkflowsCommandTests {
    @Test("a run records its workflow; list, get and delete mirror the REST operations")
    func listGetDelete() async throws {
        let database = RunCommandTests.database()
        let run = try await StepwiseProcess.run([
            "run", "--db", database, "samples/linear-chain.json", "--virtual-time",
        ])
        #expect(run.status == 0)
        let listed = try JSONValue.parse(
            try await StepwiseProcess.run(["workflows", "list", "--db", database, "--json"]).stdout)
        let item = try #require(listed["data"]?.arrayValue?.first)
        #expect(item["attributes"]?["name"] == "linear-chain")
        #expect(listed["meta"]?["page"]?["totalCount"] == 1)
        let id = try #require(item["id"]?.stringValue)
        let got = try JSONValue.parse(try await StepwiseProcess.run(["workflows", "get", id, "--db", database]).stdout)
        #expect(
            got["data"]?["attributes"]?["spec"]
                == (try TestSupport.loadJSON(
                    TestSupport.samplesDirectory.appendingPathComponent("linear-chain.json"))))
        #expect(try await StepwiseProcess.run(["workflows", "delete", id, "--db", database]).status == 0)
        let again = try await StepwiseProcess.run(["workflows", "delete", id, "--db", database])
        #expect(again.status == 1)
        #expect(again.stderr.contains("no workflow"))
        let instances = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "list", "--db", database, "--json"]).stdout)
        #expect(instances["meta"]?["page"]?["totalCount"] == 1)
    }
}

@Suite("Several processes on one database")
struct ConcurrentProcessesTests {
    @Test("three stepwise run processes write one file at once; every instance and journal is whole")
    func concurrentWriters() async throws {
        let database = RunCommandTests.database()
        let steps = (0..<150).map { index in
            #"{"name":"S\#(index)","actionId":"com.datadoghq.core.echo","parameters":[{"name":"value","value":\#(index)}]"#
                + (index < 149 ? #","outboundEdges":[{"nextStepName":"S\#(index + 1)","branchName":"main"}]}"# : "}")
        }
        let spec =
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["S0"]}],"steps":["#
            + steps.joined(separator: ",") + "]}"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).json")
        try Data(spec.utf8).write(to: file)
        // stderr goes to files (a pipe nobody reads could fill): a failing run's message shows in the expectation.
        let logs = (0..<3).map { _ in
            FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString).log")
        }
        defer { for log in logs { try? FileManager.default.removeItem(at: log) } }
        let processes = try logs.map { log in
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = ChildProcess()
            process.executableURL = StepwiseProcess.binary
            process.arguments = ["run", file.path, "--db", database]
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        await StepwiseProcess.waitUntilExit(processes)
        let errors = logs.map { (try? String(contentsOf: $0, encoding: .utf8))?.split(separator: "\n").last ?? "" }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0], "last stderr lines: \(errors)")
        let listed = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "list", "--db", database, "--json"]).stdout)
        #expect(listed["meta"]?["succeededCount"] == 3)
        for item in listed["data"]?.arrayValue ?? [] {
            let id = item["id"]?.stringValue ?? ""
            let body = try JSONValue.parse(
                try await StepwiseProcess.run(["instances", "get", id, "--db", database, "--json"]).stdout)
            #expect(body["data"]?["attributes"]?["stepStateAssociations"]?.arrayValue?.count == 150)
        }
    }
}
