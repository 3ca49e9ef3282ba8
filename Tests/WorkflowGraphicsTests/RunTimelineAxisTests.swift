import Testing

@testable import WorkflowGraphics

/// The run report's timeline puts its ticks on round values.
@Suite("Run timeline axis")
struct RunTimelineAxisTests {
    static let cases: [(span: Double, step: Double, ticks: Int)] = [
        (25, 5, 5), (23.4, 5, 5), (12, 5, 3), (90, 30, 3), (0.007, 0.002, 4), (1, 0.2, 5), (3_600, 900, 4),
        (4 * 86_400, 86_400, 4), (400 * 86_400, 80 * 86_400, 5),
    ]

    @Test("the step is round, at most five intervals cover the run, the axis ends on a tick", arguments: cases)
    func axis(span: Double, step: Double, ticks: Int) {
        let axis = RunTimeline.axis(span: span)
        #expect(abs(axis.step - step) < step * 1e-9)
        #expect(axis.ticks == ticks)
        #expect(axis.end >= span)
        #expect(abs(axis.end - axis.step * Double(axis.ticks)) < 1e-9)
    }

    @Test("tick labels read as round durations")
    func labels() {
        let axis = RunTimeline.axis(span: 25)
        let labels = (1...axis.ticks).map { RunOverlay.durationText(axis.step * Double($0)) }
        #expect(labels == ["5s", "10s", "15s", "20s", "25s"])
    }
}
