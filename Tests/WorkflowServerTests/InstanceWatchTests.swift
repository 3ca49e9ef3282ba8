import Foundation
import HummingbirdTesting
import Testing
import WorkflowAPI
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowRuntime
import WorkflowServer
import WorkflowStore
import WorkflowTestSupport

@Suite("stepwise instances watch and the stream's event JSON")
struct InstanceWatchTests {
    @Test("`stepwise instances watch` follows a live server's stream and exits 0 when the instance succeeds")
    func watchLive() async throws {
        let (entered, enteredSink) = AsyncStream<Void>.makeStream()
        let (release, releaseSink) = AsyncStream<Void>.makeStream()
        var registry = ActionRegistry.core()
        registry.register(
            "test.gate",
            ScriptedAction { _ in
                enteredSink.yield()
                for await _ in release { break }
                return ActionResult()
            })
        let harness = try ServerHarness(configuration: .init(host: "127.0.0.1", port: 0), registry: registry)
        try await harness.withClient(.live) { api in
            let port = try #require(api.client.port)
            let workflowId = try await api.createWorkflow(spec: InstanceStreamTests.gated)
            let id = try await api.execute(workflowId)
            for await _ in entered { break }
            let binary = TestSupport.stepwiseBinary
            let watcher = try Watcher(
                binary,
                ["instances", "watch", id, "--workflow", workflowId, "--server", "http://127.0.0.1:\(port)"])
            var polls = 0
            while api.environment.streams.subscriberCount(id) == 0 && polls < 3_000 {
                polls += 1
                try await Task.sleep(for: .milliseconds(10))
            }
            releaseSink.yield()
            let (status, stderr) = await watcher.result()
            #expect(status == 0, "\(stderr)")
            let lines = stderr.split(separator: "\n").map(String.init)
            #expect(lines.count == 7, "\(stderr)")
            #expect(lines.first?.hasSuffix("▶ First") == true)
            #expect(lines.contains { $0.hasSuffix("✔ Gate") })
            #expect(lines.last?.hasSuffix("instance SUCCEEDED") == true)
        }
    }

    @Test("`stepwise instances watch` exits 1 for a canceled instance and 2 for an unknown one")
    func watchEndings() async throws {
        let harness = try ServerHarness(configuration: .init(host: "127.0.0.1", port: 0))
        try await harness.withClient(.live) { api in
            let port = try #require(api.client.port)
            let workflowId = try await api.createWorkflow(spec: Specs.apiSleep())
            let id = try await api.execute(workflowId)
            await api.environment.executor.cancel(id)
            #expect(await api.environment.executor.wait(for: id) == .canceled)
            let binary = TestSupport.stepwiseBinary
            let server = "http://127.0.0.1:\(port)"
            let canceled = try Watcher(
                binary, ["instances", "watch", id, "--workflow", workflowId, "--server", server])
            let (status, stderr) = await canceled.result()
            #expect(status == 1, "\(stderr)")
            #expect(stderr.contains("instance CANCELED"))
            let unknown = try Watcher(
                binary,
                ["instances", "watch", UUID().uuidString.lowercased(), "--workflow", workflowId, "--server", server])
            let (unknownStatus, unknownError) = await unknown.result()
            #expect(unknownStatus == 2)
            #expect(unknownError.contains("HTTP 404"), "\(unknownError)")
        }
    }

    @Test("every event JSON of the stream decodes back to its journal entry")
    func eventRoundTrip() throws {
        let time = Date(timeIntervalSince1970: 1_721_846_398.219283)
        let failure = StepFailure(message: "boom", code: "FAILED", attempts: 2)
        let events: [InstanceEvent] = [
            .stepStarted(step: "A", attempt: 2, inputs: ["x": 1]),
            .stepAttemptFailed(step: "A", attempt: 1, failure: failure),
            .stepAttemptOutputs(step: "A", attempt: 1, outputs: ["o": true], branch: "main"),
            .stepWaiting(step: "A", attempt: 1, reason: .errorHandlerRetry, delay: .milliseconds(1500)),
            .stepSucceeded(step: "A", attempt: 3, outputs: ["o": "y"], branch: "false"),
            .stepFailed(step: "B", attempt: 2, failure: failure, recovered: true),
            .stepSkipped(step: "C"), .stepCanceled(step: "D"), .variablesSet(step: "E", variables: ["v": "w"]),
            .instanceFinished(
                status: .stepError, outputs: .emptyObject,
                error: InstanceFailure(step: "B", message: "boom", code: "STEP_ERROR")),
        ]
        for (sequence, event) in events.enumerated() {
            let entry = JournalEntry(sequence: sequence, time: time, event: event)
            let decoded = try #require(JournalResource.entry(from: JournalResource.event(entry)))
            #expect(decoded.event == event)
            #expect(decoded.sequence == sequence)
            #expect(abs(decoded.time.timeIntervalSince(time)) < 0.000_01)
        }
        #expect(JournalResource.entry(from: ["sequence": 1e300, "type": "stepSkipped"]) == nil)
        #expect(APITimestamp.date(from: "2024-07-24T18:39:58Z") == Date(timeIntervalSince1970: 1_721_846_398))
        #expect(APITimestamp.date(from: "2024-13-24T18:39:58Z") == nil)
    }
}

/// A child `stepwise` whose stderr is collected until it exits (its ``ChildProcess`` is touched by one thread at a
/// time: the test, then the collecting thread).
final class Watcher: @unchecked Sendable {
    private let process: ChildProcess
    private let stderr: Pipe

    init(_ binary: URL, _ arguments: [String]) throws {
        let process = ChildProcess()
        process.executableURL = binary
        process.arguments = arguments
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        self.process = process
        self.stderr = stderr
        try process.run()
    }

    /// The exit status and everything written to stderr.
    func result() async -> (Int32, String) {
        let outcome = try? await TestSupport.offThePool {
            let data = self.stderr.fileHandleForReading.readDataToEndOfFile()
            self.process.waitUntilExit()
            return (self.process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        return outcome ?? (-1, "")  // the body does not throw
    }
}
