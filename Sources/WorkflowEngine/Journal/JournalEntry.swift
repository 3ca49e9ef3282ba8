import Foundation

/// One stored journal event, numbered and stamped with the time the runtime recorded it.
public struct JournalEntry: Sendable, Hashable, Codable {
    /// 0, 1, 2, … within the instance.
    public var sequence: Int
    public var time: Date
    public var event: InstanceEvent

    public init(sequence: Int, time: Date, event: InstanceEvent) {
        self.sequence = sequence
        self.time = time
        self.event = event
    }
}
