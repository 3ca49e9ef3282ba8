import Foundation
import Testing
import WorkflowActions
import WorkflowEngine
import WorkflowRuntime
import WorkflowStore
import WorkflowTestSupport

/// Ending the process groups a journal recorded: only the very process recorded is signalled.
@Suite("Orphaned process groups")
struct OrphanedProcessesTests {
    /// Starts `sleep 600` (longer than any test on a loaded machine), which ``ChildProcess`` makes the leader of a group of its own; returns it and its
    /// group.
    func startLeader() throws -> (ChildProcess, ProcessGroup) {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["600"]
        try process.run()
        return (process, ProcessGroup(id: process.processIdentifier))
    }

    func entry(_ sequence: Int, _ event: InstanceEvent) -> JournalEntry {
        JournalEntry(sequence: sequence, time: Date(timeIntervalSince1970: 0), event: event)
    }

    @Test("a group whose leader's start time differs (a reused pid) or is unknown is left alone")
    func reusedPidLeftAlone() async throws {
        let (process, group) = try startLeader()
        defer { kill(-group.id, SIGKILL) }
        try #require(getpgid(group.id) == group.id, "the child does not lead a group of its own")
        let started = try #require(ProcessGroup.startTime(of: group.id))
        for startTime in [started + 1, 0] {
            let journal = [entry(0, .stepProcessStarted(step: "A", processGroup: group.id, startTime: startTime))]
            #expect(await OrphanedProcesses.end(recordedIn: journal, grace: .milliseconds(100)).isEmpty)
            #expect(group.exists)
        }
        #expect(
            await OrphanedProcesses.end(
                recordedIn: [
                    entry(1, .stepProcessStarted(step: "A", processGroup: group.id, startTime: started + 1)),
                    entry(2, .stepProcessStarted(step: "A", processGroup: group.id, startTime: started)),
                ],
                grace: .milliseconds(100)) == [group.id])
        #expect(!group.exists)
        _ = try? await TestSupport.offThePool { process.waitUntilExit() }
    }
}
