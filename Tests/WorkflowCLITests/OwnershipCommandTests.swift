import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowTestSupport

/// Two real `stepwise` processes on one database, and signals to a running one (docs/ownership.md).
@Suite("Ownership across processes")
struct OwnershipCommandTests {
    typealias Scratch = CrashRecoveryTests.Scratch

    @Test("a resume started while a run is running leaves its instance alone: every shell step runs once")
    func resumeBesideRun() async throws {
        let scratch = try Scratch()
        // A sleeps long enough for the resume process to start and look while it runs, even on a loaded machine
        // or under a sanitizer (3 s was not).
        let slow =
            #"{"name":"A","actionId":"com.datadoghq.script.runShellScript","parameters":[{"name":"script","#
            + #""value":"echo A >> \#(scratch.log); sleep 10"}],"outboundEdges":[{"nextStepName":"B","branchName":"main"}]}"#
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["A"]}],"steps":["# + slow + ","
                + scratch.logStep("B") + "]}")
        let second = Mutex<StepwiseProcess?>(nil)
        let first = try await StepwiseProcess.run(["run", file, "--db", scratch.database]) { _, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ A")
            let deadline = Date().addingTimeInterval(20)
            while !scratch.logLines().contains("A"), Date() < deadline { usleep(10_000) }
            let resumed = try StepwiseProcess.runBlocking(["resume", "--db", scratch.database])
            second.withLock { $0 = resumed }
            return seen
        }
        let resume = try #require(second.withLock { $0 })
        #expect(first.status == 0, "\(first.stderr)")
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(resume.stderr.contains("a live process owns them"))
        #expect(!first.stderr.contains("UNIQUE constraint failed"))
        #expect(scratch.logLines() == ["A", "B"])
    }

    @Test("Ctrl-C stops a long dry run at once: nothing goes on computing after the instance is CANCELED")
    func interruptStopsRunawayDryRun() async throws {
        let scratch = try Scratch()
        // A completion gate that never holds, retried every second (10,000 times, the most a spec may ask) in each
        // of 2,000 loop iterations: in virtual time nothing waits, so the work goes on for hundreds of thousands
        // of attempts (until the journal budget or the seven-day limit); the interrupt comes at attempt 5,000.
        let items = (0..<2_000).map(String.init).joined(separator: ",")
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["Each"]}],"steps":["#
                + #"{"name":"Each","actionId":"com.datadoghq.core.forLoop","parameters":[{"name":"inputList","#
                + #""value":[\#(items)]}],"outboundEdges":[{"nextStepName":"Poll","branchName":"loopStart"}]},"#
                + #"{"name":"Poll","actionId":"com.datadoghq.core.echo","parameters":[{"name":"value","value":"pending"}],"#
                + #""completionGate":{"completionCondition":{"operand1":"{{ Steps.Poll.value }}","#
                + #""operator":"OPERATOR_EQUAL","operand2":"done"},"retryStrategy":{"kind":"RETRY_STRATEGY_LINEAR","#
                + #""linear":{"interval":"1s","maxRetries":10000}}}}]}"#)
        let killed = Atomic(false)
        let ended = Atomic(false)
        let run = try await StepwiseProcess.run(["run", file, "--dry-run"]) { process, stderr in
            var seen = StepwiseProcess.read(stderr, until: "Poll (attempt 5000)")
            kill(process.processIdentifier, SIGINT)
            // A watchdog: what still runs 20 s after the interrupt is killed (and the test fails).
            let pid = process.processIdentifier
            Thread {
                let deadline = Date().addingTimeInterval(20)
                while !ended.load(ordering: .acquiring), Date() < deadline { usleep(20_000) }
                if !ended.load(ordering: .acquiring) {
                    killed.store(true, ordering: .releasing)
                    kill(pid, SIGKILL)
                }
            }.start()
            // Keeps reading, so a process printing every retry never blocks on a full pipe.
            while true {
                let chunk = stderr.availableData
                if chunk.isEmpty { break }
                seen.append(chunk)
            }
            ended.store(true, ordering: .releasing)
            return seen
        }
        let wentOn = killed.load(ordering: .acquiring)
        #expect(!wentOn, "the dry run went on after SIGINT")
        #expect(run.stderr.contains("CANCELED"), "\(run.stderr.suffix(2_000))")
    }
}
