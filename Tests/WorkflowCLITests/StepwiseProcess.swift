import Dispatch
import Foundation
import Synchronization
import WorkflowTestSupport

/// Runs the built `stepwise` binary as a child process.
struct StepwiseProcess {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The `stepwise` binary beside the test bundle (`.build/debug/stepwise`).
    static var binary: URL { TestSupport.stepwiseBinary }

    /// Runs `stepwise arguments…` in the repository root and waits for it, on a thread of its own
    /// (``TestSupport/offThePool(_:)``).
    ///
    /// - Parameter environment: variables added to this process's environment for the child.
    /// - Parameter directory: the child's working directory (default: the repository root).
    /// - Parameter executable: the binary to run (default: ``binary``).
    /// - Parameter whileRunning: called once the child started, on that thread, with the child and its stderr; it
    ///   may read part of stderr (returning what it read) and signal the child.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        in directory: URL? = nil,
        executable: URL? = nil,
        whileRunning: @escaping (ChildProcess, FileHandle) throws -> Data = { _, _ in Data() }
    ) async throws -> StepwiseProcess {
        try await TestSupport.offThePool {
            try runBlocking(
                arguments, environment: environment, in: directory, executable: executable, whileRunning: whileRunning)
        }
    }

    /// Waits until every process in `processes` has exited, on a thread of its own (see ``run(_:environment:whileRunning:)``).
    static func waitUntilExit(_ processes: [ChildProcess]) async {
        _ = try? await TestSupport.offThePool { for process in processes { process.waitUntilExit() } }
    }

    /// ``run(_:environment:whileRunning:)`` on the calling thread: for a `whileRunning` closure, which already runs
    /// on a thread of its own.
    static func runBlocking(
        _ arguments: [String],
        environment: [String: String] = [:],
        in directory: URL? = nil,
        executable: URL? = nil,
        whileRunning: (ChildProcess, FileHandle) throws -> Data = { _, _ in Data() }
    ) throws -> StepwiseProcess {
        let process = ChildProcess()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? TestSupport.repositoryRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // stdout is drained on its own thread, so a child writing much to both pipes never blocks.
        let outData = Mutex(Data())
        let outDone = DispatchSemaphore(value: 0)
        Thread {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            outData.withLock { $0 = data }
            outDone.signal()
        }.start()
        let early = try whileRunning(process, err.fileHandleForReading)
        let errData = early + err.fileHandleForReading.readDataToEndOfFile()
        outDone.wait()
        process.waitUntilExit()
        return StepwiseProcess(
            status: process.terminationStatus,
            stdout: String(decoding: outData.withLock { $0 }, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Reads `handle` until the text read contains `marker` or the stream ends; returns what was read.
    static func read(_ handle: FileHandle, until marker: String) -> Data {
        read(handle, untilAll: [marker])
    }

    /// Reads `handle` until the text read contains every marker (in any order) or the stream ends.
    static func read(_ handle: FileHandle, untilAll markers: [String]) -> Data {
        var data = Data()
        while !markers.allSatisfy(String(decoding: data, as: UTF8.self).contains) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            data += chunk
        }
        return data
    }
}
