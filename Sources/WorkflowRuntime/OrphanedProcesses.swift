import WorkflowActions
import WorkflowEngine
import WorkflowStore

/// The process groups a dead process left running: shell steps it spawned (journaled as
/// ``InstanceEvent/stepProcessStarted(step:processGroup:startTime:)``) that nobody stopped when it died.
public enum OrphanedProcesses {
    /// How long a group gets between SIGTERM and SIGKILL.
    public static let grace: Duration = .seconds(2)

    /// Ends every group `journal` recorded whose leader is still the process recorded (same pid, same start
    /// time: a reused pid is left alone), SIGTERM then SIGKILL after `grace`, and waits for that.
    /// - Returns: the groups that were signalled.
    @discardableResult
    public static func end(recordedIn journal: [JournalEntry], grace: Duration = grace) async -> [Int32] {
        // A group id may come back in one journal (a reused pid): each recorded leader is checked.
        var recorded: Set<Recorded> = []
        for entry in journal {
            if case .stepProcessStarted(_, let id, let startTime) = entry.event {
                recorded.insert(Recorded(group: ProcessGroup(id: id), startTime: startTime))
            }
        }
        guard !recorded.isEmpty else { return [] }
        return await withTaskGroup(of: Int32?.self) { tasks in
            for recorded in recorded {
                let (group, startTime) = (recorded.group, recorded.startTime)
                tasks.addTask { await group.terminate(ifStartedAt: startTime, grace: grace) ? group.id : nil }
            }
            var ended: [Int32] = []
            for await id in tasks { if let id { ended.append(id) } }
            return ended.sorted()
        }
    }

    private struct Recorded: Hashable {
        var group: ProcessGroup
        var startTime: UInt64
    }
}
