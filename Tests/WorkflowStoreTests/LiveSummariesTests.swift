import Foundation
import Testing
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// The stores' in-memory folds of running instances' summaries.
@Suite("Live summaries")
struct LiveSummariesTests {
    @Test("folds loaded from the store keep to the cap: a worker with many waiting instances holds a bounded cache")
    func loadedFoldsKeepToTheCap() async throws {
        let live = LiveSummaries()
        let count = LiveSummaries.maxCached + 100
        for index in 0..<count {
            let id = "instance-\(index)"
            let entry = JournalEntry(
                sequence: 0, time: Sample.start, event: .stepStarted(step: "S0", attempt: 1, inputs: [:]))
            _ = try await live.fold([entry], into: id) { () async throws(StoreError) in
                LiveSummaries.Live(summary: Sample.summary(id), snapshotThrough: -1, through: -1)
            }
        }
        #expect(live.count == LiveSummaries.maxCached)
        // The next append of an instance that was dropped folds from the store again, and is cached again.
        var loads = 0
        let entry = JournalEntry(sequence: 1, time: Sample.start, event: .stepSkipped(step: "S1"))
        for index in 0..<count {
            let id = "instance-\(index)"
            _ = try await live.fold([entry], into: id) { () async throws(StoreError) in
                loads += 1
                return LiveSummaries.Live(summary: Sample.summary(id), snapshotThrough: -1, through: 0)
            }
        }
        #expect(loads >= count - LiveSummaries.maxCached)
        #expect(live.count == LiveSummaries.maxCached)
    }
}
