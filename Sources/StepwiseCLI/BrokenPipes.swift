import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A command that runs instances (`run`, `resume`, `serve`, `worker`) and must not die halfway through a run
/// because the reader of its standard output or error went away (`| head`, a log shipper restarting).
protocol RunsInstances {}

extension Stepwise.Run: RunsInstances {}
extension Stepwise.Resume: RunsInstances {}
extension Stepwise.Serve: RunsInstances {}
extension Stepwise.Worker: RunsInstances {}

/// SIGPIPE, which by default ends a process that writes to a pipe with no reader.
enum BrokenPipes {
    /// Ignores SIGPIPE in this process: a write to a closed pipe then fails with EPIPE, which the console writes
    /// drop (``Foundation/FileHandle/writeToConsole(_:)``) and the sockets' owners handle. The processes steps
    /// start get the default back: swift-subprocess resets every signal's disposition in the child.
    static func ignore() {
        signal(SIGPIPE, SIG_IGN)
    }
}
