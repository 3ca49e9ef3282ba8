import Foundation
import Testing
import WorkflowModel
import WorkflowTestSupport

/// A `stepwise run` killed with SIGKILL while a shell step sleeps: the step's process group outlives it, and the
/// next `resume` or `instances cancel` ends that group before anything runs again (docs/ownership.md).
@Suite("Orphaned shell processes")
struct OrphanProcessCommandTests {
    typealias Scratch = CrashRecoveryTests.Scratch

    /// A workflow whose step `A` sleeps 600 s (longer than any test on a loaded machine) on its first run (after writing its shell's pid, the group id, to
    /// `group`) and then logs `A`; run again, it logs `rerun` at once.
    func sleeper(_ scratch: Scratch) throws -> (file: String, groupFile: String) {
        let groupFile = scratch.folder.appendingPathComponent("group").path
        let first = scratch.folder.appendingPathComponent("first").path
        let script =
            "if [ -e \(first) ]; then echo rerun >> \(scratch.log); "
            + "else touch \(first); echo $$ > \(groupFile).tmp; mv \(groupFile).tmp \(groupFile); "
            + "sleep 600; echo A >> \(scratch.log); fi"
        let file = try scratch.write(
            #"{"triggers":[{"workflowTrigger":{},"startStepNames":["A"]}],"steps":[{"name":"A","#
                + #""actionId":"com.datadoghq.script.runShellScript","parameters":[{"name":"script","value":"\#(script)"}]}]}"#
        )
        return (file, groupFile)
    }

    /// Runs the sleeper, kills `stepwise` with SIGKILL once the step's shell wrote its group id; returns that id.
    func runAndKill(_ file: String, groupFile: String, in scratch: Scratch) async throws -> Int32 {
        let killed = try await StepwiseProcess.run(["run", file, "--db", scratch.database]) { process, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ A")
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: groupFile), Date() < deadline { usleep(10_000) }
            // The journal entry naming the group is written when the step spawned; give it its commit.
            usleep(500_000)
            kill(process.processIdentifier, SIGKILL)
            return seen
        }
        #expect(killed.status == SIGKILL || killed.status == 128 + SIGKILL)
        let text = try String(contentsOfFile: groupFile, encoding: .utf8)
        return try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Whether a process of group `id` is alive (zombies, left for an init that may never reap them, do not count).
    static func groupAlive(_ id: Int32) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ", maxSplits: 4)
            if fields.count >= 3, Int32(fields[2]) == id, fields[0] != "Z" { return true }
        }
        return false
    }

    /// Waits up to 5 s for group `id` to be gone.
    static func waitGone(_ id: Int32) async throws -> Bool {
        for _ in 0..<100 where groupAlive(id) { try await Task.sleep(for: .milliseconds(50)) }
        return !groupAlive(id)
    }

    @Test("resume ends the group a killed run left sleeping, then runs the step once")
    func resumeEndsOrphanedGroup() async throws {
        let scratch = try Scratch()
        let (file, groupFile) = try sleeper(scratch)
        let group = try await runAndKill(file, groupFile: groupFile, in: scratch)
        defer { kill(-group, SIGKILL) }
        #expect(Self.groupAlive(group), "the orphaned step should still sleep after SIGKILL")
        let resume = try await StepwiseProcess.run(["resume", "--db", scratch.database])
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(try await Self.waitGone(group), "the orphaned group is still alive after resume")
        #expect(scratch.logLines() == ["rerun"])
    }

    @Test("instances cancel ends the group a killed run left sleeping")
    func cancelEndsOrphanedGroup() async throws {
        let scratch = try Scratch()
        let (file, groupFile) = try sleeper(scratch)
        let group = try await runAndKill(file, groupFile: groupFile, in: scratch)
        defer { kill(-group, SIGKILL) }
        #expect(Self.groupAlive(group))
        let listed = try JSONValue.parse(
            try await StepwiseProcess.run(["instances", "list", "--db", scratch.database, "--json"]).stdout)
        let id = try #require(listed["data"]?.arrayValue?.first?["id"]?.stringValue)
        let cancel = try await StepwiseProcess.run(["instances", "cancel", id, "--db", scratch.database, "--wait", "0"])
        #expect(cancel.status == 0, "\(cancel.stderr)")
        #expect(cancel.stdout.contains("CANCELED"))
        #expect(try await Self.waitGone(group), "the orphaned group is still alive after cancel")
        #expect(scratch.logLines().isEmpty)
    }

    @Test("instances cancel leaves an instance a live process owns to it, even when that process is stopped")
    func cancelRespectsLiveOwner() async throws {
        let scratch = try Scratch()
        let (file, groupFile) = try sleeper(scratch)
        var refused: StepwiseProcess?
        let run = try await StepwiseProcess.run(["run", file, "--db", scratch.database]) { process, stderr in
            let seen = StepwiseProcess.read(stderr, until: "▶ A")
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: groupFile), Date() < deadline { usleep(10_000) }
            let listed = try JSONValue.parse(
                try StepwiseProcess.runBlocking(["instances", "list", "--db", scratch.database, "--json"]).stdout)
            let id = listed["data"]?.arrayValue?.first?["id"]?.stringValue ?? ""
            // A stopped owner is alive: its instance is not written around, the request waits for it.
            kill(process.processIdentifier, SIGSTOP)
            refused = try StepwiseProcess.runBlocking([
                "instances", "cancel", id, "--db", scratch.database, "--wait", "0.3",
            ])
            kill(process.processIdentifier, SIGCONT)
            return seen
        }
        let cancel = try #require(refused)
        #expect(cancel.status == 1)
        #expect(cancel.stderr.contains("a live process runs"), "\(cancel.stderr)")
        // The owner picked the stored request up once it went on: its shell step ended with it.
        #expect(run.status == 1)
        #expect(run.stderr.contains("instance CANCELED"), "\(run.stderr)")
        let text = try String(contentsOfFile: groupFile, encoding: .utf8)
        let group = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try await Self.waitGone(group))
        #expect(scratch.logLines().isEmpty)
    }
}
