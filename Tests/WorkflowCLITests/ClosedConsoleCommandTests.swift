import Foundation
import Testing
import WorkflowTestSupport

/// A `stepwise` process whose standard error reader is gone goes on working: what it cannot show is dropped, not a
/// reason to die.
@Suite("Closed standard error")
struct ClosedConsoleCommandTests {
    @Test("a worker whose standard error pipe has no reader keeps working, then exits 0 on SIGTERM")
    func workerWithoutReader() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-console-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("stepwise.db").path
        let worker = ChildProcess()
        worker.executableURL = URL(fileURLWithPath: "/bin/sh")
        // SIGPIPE ignored, as a parent that ignores it (a test runner, a server) leaves it: a write to the pipe then
        // fails with EPIPE, which Foundation's FileHandle.write(_:) turned into a trap.
        worker.arguments = [
            "-c", "trap '' PIPE; exec \"$0\" worker --db \"$1\" --poll-interval 0.1",
            TestSupport.stepwiseBinary.path, database,
        ]
        let stderr = Pipe()
        worker.standardError = stderr
        worker.standardOutput = FileHandle.nullDevice
        try worker.run()
        // Its first progress line says it works (its SIGTERM handler is in place); then the reader goes away.
        let first = try await TestSupport.offThePool {
            String(decoding: StepwiseProcess.read(stderr.fileHandleForReading, until: "working on"), as: UTF8.self)
        }
        try stderr.fileHandleForReading.close()
        #expect(first.contains("working on"))
        // Draining and stopping are logged after the SIGTERM, to the pipe nobody reads any more.
        try await Task.sleep(for: .milliseconds(500))
        let alive = worker.isRunning
        worker.terminate()
        try await TestSupport.offThePool { worker.waitUntilExit() }
        #expect(alive, "the worker died once its standard error had no reader")
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0)
    }
}
